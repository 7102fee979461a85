/** The words of the appointment link pages, in the languages Baton ships. */
export interface AppointmentPageText {
  cancelTitle: string;
  rescheduleTitle: string;
  yourAppointment: string;
  with: string;
  confirmCancel: string;
  cancelButton: string;
  cancelled: string;
  pickSlot: string;
  moveButton: string;
  moved: string;
  taken: string;
  noSlots: string;
  gone: string;
  expired: string;
}

const en: AppointmentPageText = {
  cancelTitle: 'Cancel your appointment',
  rescheduleTitle: 'Change your appointment',
  yourAppointment: 'Your appointment',
  with: 'With',
  confirmCancel: 'Do you want to cancel this appointment?',
  cancelButton: 'Cancel the appointment',
  cancelled: 'Your appointment is cancelled.',
  pickSlot: 'Choose a new time',
  moveButton: 'Move my appointment',
  moved: 'Your appointment is moved to',
  taken: 'That time was just taken. Please choose another one.',
  noSlots: 'No other time is free right now. Please try again later or contact us.',
  gone: 'This appointment was already cancelled or moved.',
  expired: 'This link has expired or is not valid.',
};

const fr: AppointmentPageText = {
  cancelTitle: 'Annuler votre rendez-vous',
  rescheduleTitle: 'Modifier votre rendez-vous',
  yourAppointment: 'Votre rendez-vous',
  with: 'Avec',
  confirmCancel: 'Voulez-vous annuler ce rendez-vous ?',
  cancelButton: 'Annuler le rendez-vous',
  cancelled: 'Votre rendez-vous est annulé.',
  pickSlot: 'Choisissez un nouvel horaire',
  moveButton: 'Déplacer mon rendez-vous',
  moved: 'Votre rendez-vous est déplacé au',
  taken: 'Cet horaire vient d’être pris. Choisissez-en un autre.',
  noSlots: 'Aucun autre horaire n’est libre pour le moment. Réessayez plus tard ou contactez-nous.',
  gone: 'Ce rendez-vous a déjà été annulé ou déplacé.',
  expired: 'Ce lien a expiré ou n’est pas valide.',
};

const es: AppointmentPageText = {
  cancelTitle: 'Cancelar su cita',
  rescheduleTitle: 'Cambiar su cita',
  yourAppointment: 'Su cita',
  with: 'Con',
  confirmCancel: '¿Desea cancelar esta cita?',
  cancelButton: 'Cancelar la cita',
  cancelled: 'Su cita está cancelada.',
  pickSlot: 'Elija un nuevo horario',
  moveButton: 'Cambiar mi cita',
  moved: 'Su cita se ha cambiado al',
  taken: 'Ese horario acaba de ocuparse. Elija otro.',
  noSlots: 'No hay otro horario libre por ahora. Inténtelo más tarde o contáctenos.',
  gone: 'Esta cita ya fue cancelada o cambiada.',
  expired: 'Este enlace ha caducado o no es válido.',
};

const TEXTS: Record<string, AppointmentPageText> = { en, fr, es };

/** The page's language: the link's locale, else the browser's first supported one, else English. */
export function pageLanguage(linkLocale: string | undefined, acceptLanguage: string | undefined) {
  const candidates = [linkLocale, ...(acceptLanguage ?? '').split(',')]
    .filter((v): v is string => Boolean(v))
    .map((v) => v.trim().slice(0, 2).toLowerCase());
  const lang = candidates.find((c) => c in TEXTS) ?? 'en';
  return { lang, text: TEXTS[lang]! };
}

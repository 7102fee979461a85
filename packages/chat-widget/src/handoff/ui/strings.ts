/**
 * The handoff's own strings, in its lazy chunk (the chat bundle carries none of them).
 * `{name}`, `{position}`, `{minutes}`, `{when}`, `{time}`, `{value}` are filled by `format`.
 */
export interface HandoffStrings {
  /** Country calling code of the patient's region (from the locale), for national numbers. */
  dialCode?: string;
  requesting: string;
  queued: string;
  wait: string;
  waitUnknown: string;
  joined: string;
  withAgent: string;
  agentTyping: string;
  seen: string;
  ended: string;
  returned: string;
  agentLeft: string;
  back: string;
  leave: string;
  reconnecting: string;
  unavailable: string;
  /** The patient already has a live handoff in another conversation (another tab). */
  alreadyOpen: string;
  failed: string;
  fallbackIntro: string;
  leaveMessage: string;
  callback: string;
  appointment: string;
  messageLabel: string;
  phoneLabel: string;
  phoneInvalid: string;
  preferredTime: string;
  send: string;
  fallbackDone: string;
  /** The status once the patient's message or callback request reached the team. */
  messageSent: string;
  callbackSent: string;
  ratingValue: string;
  required: string;
  surveySubmit: string;
  surveyThanks: string;
  slotsTitle: string;
  book: string;
  booked: string;
  taken: string;
  callTitle: string;
  callJoin: string;
  callExpires: string;
  callExpired: string;
  agent: string;
  notice: string;
  tryAgain: string;
  /** A supervisor joined beside the agent (barge-in). */
  supervisorJoined: string;
  moveAppointment: string;
  cancelAppointment: string;
  appointmentCancelled: string;
  /** The patient's own copy of the conversation: the print dialog (or Save as PDF). */
  saveTranscript: string;
  /** The status once an appointment is booked after nobody could take the chat. */
  appointmentBooked: string;
  /** The server refused the connection: too many open at once for this patient. */
  tooManyConnections: string;
}

const en: HandoffStrings = {
  requesting: 'Connecting you with a person…',
  queued: 'You are number {position} in line.',
  wait: 'Estimated wait: about {minutes} min.',
  waitUnknown: 'We don’t know the wait time yet.',
  joined: '{name} joined the chat.',
  withAgent: 'You are chatting with {name}.',
  agentTyping: '{name} is typing…',
  seen: 'Seen',
  ended: 'The chat with a person has ended.',
  returned: 'You are back with the assistant.',
  agentLeft: 'Your agent was disconnected. You are back in the queue, first in line.',
  back: 'Back to the assistant',
  leave: 'End chat',
  reconnecting: 'Connection lost. Reconnecting to the chat…',
  unavailable: 'Talking to a person is not available right now.',
  alreadyOpen:
    'You already have a conversation with our team open in another window or tab. Please continue there.',
  failed: 'No one can take your conversation right now.',
  fallbackIntro: 'What would you like to do?',
  leaveMessage: 'Leave a message',
  callback: 'Request a callback',
  appointment: 'Book an appointment',
  messageLabel: 'Your message',
  phoneLabel: 'Phone number',
  phoneInvalid: 'Enter a phone number we can call, for example +44 7700 900123.',
  preferredTime: 'When should we call? (optional)',
  send: 'Send',
  fallbackDone: 'Thank you, we have your request.',
  messageSent: 'Your message was sent to our team; we will get back to you.',
  callbackSent: 'Your request was sent to our team; we will call you back.',
  ratingValue: '{value} out of 5',
  required: 'Please answer this question.',
  surveySubmit: 'Send my answers',
  surveyThanks: 'Thank you for your feedback.',
  slotsTitle: 'Choose a time',
  book: 'Book this time',
  booked: 'Your appointment is booked: {when}.',
  taken: 'That time is no longer free. Please choose another.',
  callTitle: 'You are invited to a call.',
  callJoin: 'Join the call',
  callExpires: 'The link works until {time}.',
  callExpired: 'This call invitation has expired.',
  agent: 'Agent',
  notice: 'Notice',
  tryAgain: 'That did not work. Please try again.',
  supervisorJoined: 'A supervisor joined the chat: {name}.',
  moveAppointment: 'Change',
  cancelAppointment: 'Cancel',
  appointmentCancelled: 'Cancelled: {when}.',
  saveTranscript: 'Print or save',
  appointmentBooked: 'We have your appointment; you can change or cancel it below.',
  tooManyConnections: 'Too many chat windows are open. Close one, then try again.',
};

const fr: HandoffStrings = {
  requesting: 'Mise en relation avec une personne…',
  queued: 'Vous êtes numéro {position} dans la file.',
  wait: 'Attente estimée : environ {minutes} min.',
  waitUnknown: 'Nous ne connaissons pas encore le temps d’attente.',
  joined: '{name} a rejoint la discussion.',
  withAgent: 'Vous discutez avec {name}.',
  agentTyping: '{name} écrit…',
  seen: 'Vu',
  ended: 'La discussion avec une personne est terminée.',
  returned: 'Vous êtes de retour avec l’assistant.',
  agentLeft:
    'Votre interlocuteur a été déconnecté. Vous êtes de nouveau dans la file, en première position.',
  back: 'Revenir à l’assistant',
  leave: 'Terminer la discussion',
  reconnecting: 'Connexion perdue. Reconnexion à la discussion…',
  unavailable: 'Parler à une personne n’est pas possible pour le moment.',
  alreadyOpen:
    'Vous avez déjà une conversation ouverte avec notre équipe dans une autre fenêtre ou un autre onglet. Merci de la poursuivre là-bas.',
  failed: 'Personne ne peut prendre votre conversation pour le moment.',
  fallbackIntro: 'Que souhaitez-vous faire ?',
  leaveMessage: 'Laisser un message',
  callback: 'Être rappelé',
  appointment: 'Prendre rendez-vous',
  messageLabel: 'Votre message',
  phoneLabel: 'Numéro de téléphone',
  phoneInvalid: 'Saisissez un numéro où vous joindre, par exemple 06 12 34 56 78.',
  preferredTime: 'Quand vous rappeler ? (facultatif)',
  send: 'Envoyer',
  fallbackDone: 'Merci, nous avons bien reçu votre demande.',
  messageSent: 'Votre message a été transmis à notre équipe ; nous reviendrons vers vous.',
  callbackSent: 'Votre demande a été transmise à notre équipe ; nous vous rappellerons.',
  ratingValue: '{value} sur 5',
  required: 'Merci de répondre à cette question.',
  surveySubmit: 'Envoyer mes réponses',
  surveyThanks: 'Merci pour votre avis.',
  slotsTitle: 'Choisissez un créneau',
  book: 'Réserver ce créneau',
  booked: 'Votre rendez-vous est réservé : {when}.',
  taken: 'Ce créneau n’est plus libre. Choisissez-en un autre.',
  callTitle: 'Vous êtes invité à un appel.',
  callJoin: 'Rejoindre l’appel',
  callExpires: 'Le lien est valable jusqu’à {time}.',
  callExpired: 'Cette invitation à un appel a expiré.',
  agent: 'Conseiller',
  notice: 'Information',
  tryAgain: 'Cela n’a pas fonctionné. Veuillez réessayer.',
  supervisorJoined: 'Un superviseur a rejoint la discussion : {name}.',
  moveAppointment: 'Modifier',
  cancelAppointment: 'Annuler',
  appointmentCancelled: 'Annulé : {when}.',
  saveTranscript: 'Imprimer ou enregistrer',
  appointmentBooked:
    'Nous avons votre rendez-vous ; vous pouvez le modifier ou l’annuler ci-dessous.',
  tooManyConnections:
    'Trop de fenêtres de discussion sont ouvertes. Fermez-en une, puis réessayez.',
};

const es: HandoffStrings = {
  requesting: 'Le estamos comunicando con una persona…',
  queued: 'Usted es el número {position} en la fila.',
  wait: 'Espera estimada: unos {minutes} min.',
  waitUnknown: 'Aún no sabemos el tiempo de espera.',
  joined: '{name} se unió al chat.',
  withAgent: 'Está chateando con {name}.',
  agentTyping: '{name} está escribiendo…',
  seen: 'Visto',
  ended: 'El chat con una persona ha terminado.',
  returned: 'Ha vuelto con el asistente.',
  agentLeft: 'Su agente se ha desconectado. Vuelve a estar en la cola, el primero.',
  back: 'Volver al asistente',
  leave: 'Terminar el chat',
  reconnecting: 'Conexión perdida. Reconectando al chat…',
  unavailable: 'Hablar con una persona no está disponible en este momento.',
  alreadyOpen:
    'Ya tiene una conversación abierta con nuestro equipo en otra ventana o pestaña. Continúe allí, por favor.',
  failed: 'Nadie puede atender su conversación en este momento.',
  fallbackIntro: '¿Qué desea hacer?',
  leaveMessage: 'Dejar un mensaje',
  callback: 'Pedir que le llamen',
  appointment: 'Reservar una cita',
  messageLabel: 'Su mensaje',
  phoneLabel: 'Número de teléfono',
  phoneInvalid: 'Escriba un número donde llamarle, por ejemplo 612 34 56 78.',
  preferredTime: '¿Cuándo le llamamos? (opcional)',
  send: 'Enviar',
  fallbackDone: 'Gracias, hemos recibido su solicitud.',
  messageSent: 'Su mensaje se ha enviado a nuestro equipo; nos pondremos en contacto con usted.',
  callbackSent: 'Su solicitud se ha enviado a nuestro equipo; le llamaremos.',
  ratingValue: '{value} de 5',
  required: 'Responda a esta pregunta.',
  surveySubmit: 'Enviar mis respuestas',
  surveyThanks: 'Gracias por su opinión.',
  slotsTitle: 'Elija un horario',
  book: 'Reservar este horario',
  booked: 'Su cita está reservada: {when}.',
  taken: 'Ese horario ya no está libre. Elija otro.',
  callTitle: 'Le invitan a una llamada.',
  callJoin: 'Unirse a la llamada',
  callExpires: 'El enlace es válido hasta las {time}.',
  callExpired: 'Esta invitación a una llamada ha caducado.',
  agent: 'Agente',
  notice: 'Aviso',
  tryAgain: 'No funcionó. Inténtelo de nuevo.',
  supervisorJoined: 'Un supervisor se unió al chat: {name}.',
  moveAppointment: 'Cambiar',
  cancelAppointment: 'Cancelar',
  appointmentCancelled: 'Cancelada: {when}.',
  saveTranscript: 'Imprimir o guardar',
  appointmentBooked: 'Tenemos su cita; puede cambiarla o cancelarla abajo.',
  tooManyConnections: 'Hay demasiadas ventanas de chat abiertas. Cierre una y vuelva a intentarlo.',
};

const STRINGS: Readonly<Record<string, HandoffStrings>> = { en, fr, es };

/** Calling codes of the regions a locale names (`fr-BE`), else of its language's default region. */
const DIAL_CODES: Readonly<Record<string, string>> = {
  us: '1',
  ca: '1',
  gb: '44',
  ie: '353',
  au: '61',
  fr: '33',
  be: '32',
  ch: '41',
  lu: '352',
  es: '34',
  mx: '52',
  ar: '54',
  co: '57',
  cl: '56',
  pe: '51',
};
const DEFAULT_REGION: Readonly<Record<string, string>> = { en: 'us', fr: 'fr', es: 'es' };

export function handoffStringsFor(locale: string): HandoffStrings {
  const [language = 'en', region] = locale.toLowerCase().split(/[-_]/);
  const dialCode = DIAL_CODES[region ?? DEFAULT_REGION[language] ?? ''];
  return { ...(STRINGS[language] ?? en), ...(dialCode ? { dialCode } : {}) };
}

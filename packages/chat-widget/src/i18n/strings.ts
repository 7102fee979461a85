/** Every string the patient can see or hear. English is the fallback for missing locales. */
export interface Strings {
  launcher: string;
  title: string;
  close: string;
  inputLabel: string;
  inputPlaceholder: string;
  send: string;
  connecting: string;
  reconnecting: string;
  offline: string;
  online: string;
  ended: string;
  sending: string;
  sent: string;
  failed: string;
  retry: string;
  typing: string;
  you: string;
  bot: string;
  confirmHandoff: string;
  yes: string;
  no: string;
  handoffRequested: string;
  emergencyTitle: string;
  emergencyBody: string;
  opensInNewTab: string;
  download: string;
  conversation: string;
  /** Shown under the composer near its length limit; `{n}`: characters left. */
  charsLeft: string;
  /** The bot asked for the patient's location (the host allows sharing it). */
  shareLocation: string;
  notNow: string;
  /** Sent, unseen, when the location is not shared: the word the bot's prompt takes for no. */
  locationNo: string;
  /** The panel header's language menu. */
  language: string;
  /** A card sent with required answers left empty; `{fields}`: their names. */
  cardMissing: string;
  /** The launcher while the panel is open: it minimises the panel (the chat goes on). */
  minimise: string;
}

const en: Strings = {
  launcher: 'Chat with us',
  title: 'Patient assistant',
  close: 'Close chat',
  inputLabel: 'Your message',
  inputPlaceholder: 'Type your message',
  send: 'Send',
  connecting: 'Connecting…',
  reconnecting: 'Connection lost. Reconnecting…',
  offline: 'You are offline. Messages will not be sent.',
  online: 'Connected',
  ended: 'This conversation has ended.',
  sending: 'Sending…',
  sent: 'Sent',
  failed: 'Not sent.',
  retry: 'Retry',
  typing: 'The assistant is typing…',
  you: 'You',
  bot: 'Assistant',
  confirmHandoff: 'Would you like to talk to a person?',
  yes: 'Yes, connect me',
  no: 'No, continue here',
  handoffRequested: 'We are connecting you with a person.',
  emergencyTitle: 'If this is an emergency',
  emergencyBody: 'Call {number} now, or your local emergency number. Do not wait for a reply here.',
  opensInNewTab: '(opens in a new tab)',
  download: 'Download {name}',
  conversation: 'Conversation',
  charsLeft: '{n} characters left',
  shareLocation: 'Share my location',
  notNow: 'Not now',
  locationNo: 'no',
  language: 'Language',
  cardMissing: 'Please answer: {fields}',
  minimise: 'Minimise chat',
};

const fr: Strings = {
  launcher: 'Discuter avec nous',
  title: 'Assistant patient',
  close: 'Fermer la discussion',
  inputLabel: 'Votre message',
  inputPlaceholder: 'Écrivez votre message',
  send: 'Envoyer',
  connecting: 'Connexion…',
  reconnecting: 'Connexion perdue. Reconnexion…',
  offline: 'Vous êtes hors ligne. Les messages ne seront pas envoyés.',
  online: 'Connecté',
  ended: 'Cette conversation est terminée.',
  sending: 'Envoi…',
  sent: 'Envoyé',
  failed: 'Non envoyé.',
  retry: 'Réessayer',
  typing: 'L’assistant écrit…',
  you: 'Vous',
  bot: 'Assistant',
  confirmHandoff: 'Souhaitez-vous parler à une personne ?',
  yes: 'Oui, me mettre en relation',
  no: 'Non, continuer ici',
  handoffRequested: 'Nous vous mettons en relation avec une personne.',
  emergencyTitle: 'En cas d’urgence',
  emergencyBody:
    'Appelez le {number} maintenant, ou le numéro d’urgence local. N’attendez pas de réponse ici.',
  opensInNewTab: '(s’ouvre dans un nouvel onglet)',
  download: 'Télécharger {name}',
  conversation: 'Conversation',
  charsLeft: '{n} caractères restants',
  shareLocation: 'Partager ma position',
  notNow: 'Pas maintenant',
  locationNo: 'non',
  language: 'Langue',
  cardMissing: 'Veuillez répondre : {fields}',
  minimise: 'Réduire la discussion',
};

const es: Strings = {
  launcher: 'Chatee con nosotros',
  title: 'Asistente del paciente',
  close: 'Cerrar el chat',
  inputLabel: 'Su mensaje',
  inputPlaceholder: 'Escriba su mensaje',
  send: 'Enviar',
  connecting: 'Conectando…',
  reconnecting: 'Conexión perdida. Reconectando…',
  offline: 'Está sin conexión. Los mensajes no se enviarán.',
  online: 'Conectado',
  ended: 'Esta conversación ha terminado.',
  sending: 'Enviando…',
  sent: 'Enviado',
  failed: 'No enviado.',
  retry: 'Reintentar',
  typing: 'El asistente está escribiendo…',
  you: 'Usted',
  bot: 'Asistente',
  confirmHandoff: '¿Desea hablar con una persona?',
  yes: 'Sí, comuníqueme',
  no: 'No, seguir aquí',
  handoffRequested: 'Le estamos comunicando con una persona.',
  emergencyTitle: 'Si es una emergencia',
  emergencyBody:
    'Llame ahora al {number} o al número de emergencias local. No espere una respuesta aquí.',
  opensInNewTab: '(se abre en una pestaña nueva)',
  download: 'Descargar {name}',
  conversation: 'Conversación',
  charsLeft: 'Quedan {n} caracteres',
  shareLocation: 'Compartir mi ubicación',
  notNow: 'Ahora no',
  locationNo: 'no',
  language: 'Idioma',
  cardMissing: 'Responda, por favor: {fields}',
  minimise: 'Minimizar el chat',
};

export const STRINGS: Readonly<Record<string, Strings>> = { en, fr, es };

/** Locales written right to left; they get `dir="rtl"` even without strings of their own. */
const RTL_LANGUAGES = new Set(['ar', 'he', 'fa', 'ur', 'ps', 'yi', 'dv', 'ku', 'sd', 'ug']);

export function baseLanguage(locale: string): string {
  return locale.toLowerCase().split(/[-_]/)[0] ?? 'en';
}

export function stringsFor(locale: string): Strings {
  return STRINGS[baseLanguage(locale)] ?? en;
}

export function directionFor(locale: string): 'ltr' | 'rtl' {
  return RTL_LANGUAGES.has(baseLanguage(locale)) ? 'rtl' : 'ltr';
}

/** The locale from the options, else the page's `<html lang>`, else the browser's, else `en`. */
export function resolveLocale(requested: string | undefined, doc?: Document): string {
  const browser = globalThis.navigator;
  const candidate =
    requested || doc?.documentElement.lang || browser?.languages?.[0] || browser?.language;
  return candidate && /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(candidate) ? candidate : 'en';
}

export function format(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (match, key: string) => values[key] ?? match);
}

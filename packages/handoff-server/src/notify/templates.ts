import type { ReminderMessage } from './notifier';

type TemplateLocale = 'en' | 'fr' | 'es';

interface ReminderWords {
  subject: (when: string) => string;
  greeting: string;
  body: (organization: string, when: string) => string;
  calendar: string;
  reschedule: string;
  cancel: string;
  summary: (organization: string) => string;
  footer: string;
}

const WORDS: Record<TemplateLocale, ReminderWords> = {
  en: {
    subject: (when) => `Reminder: your appointment on ${when}`,
    greeting: 'Hello,',
    body: (org, when) => `This is a reminder of your appointment with ${org} on ${when}.`,
    calendar: 'The attached calendar file adds it to your calendar.',
    reschedule: 'Reschedule',
    cancel: 'Cancel the appointment',
    summary: (org) => `Appointment with ${org}`,
    footer: 'This message was sent automatically; please do not reply.',
  },
  fr: {
    subject: (when) => `Rappel : votre rendez-vous le ${when}`,
    greeting: 'Bonjour,',
    body: (org, when) => `Nous vous rappelons votre rendez-vous avec ${org} le ${when}.`,
    calendar: 'Le fichier joint l’ajoute à votre agenda.',
    reschedule: 'Changer de créneau',
    cancel: 'Annuler le rendez-vous',
    summary: (org) => `Rendez-vous avec ${org}`,
    footer: 'Ce message est envoyé automatiquement ; merci de ne pas y répondre.',
  },
  es: {
    subject: (when) => `Recordatorio: su cita el ${when}`,
    greeting: 'Hola:',
    body: (org, when) => `Le recordamos su cita con ${org} el ${when}.`,
    calendar: 'El archivo adjunto la añade a su calendario.',
    reschedule: 'Cambiar la cita',
    cancel: 'Cancelar la cita',
    summary: (org) => `Cita con ${org}`,
    footer: 'Este mensaje se envía automáticamente; no responda, por favor.',
  },
};

export function templateLocale(locale: string): TemplateLocale {
  const language = locale.toLowerCase().split(/[-_]/)[0];
  return language === 'fr' || language === 'es' ? language : 'en';
}

/** The appointment's start in the patient's language and time zone, zone named. */
export function appointmentTime(message: ReminderMessage): string {
  const format = (timeZone: string) =>
    new Intl.DateTimeFormat(message.locale, {
      timeZone,
      weekday: 'long',
      year: 'numeric',
      month: 'long',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZoneName: 'short',
    }).format(new Date(message.start));
  try {
    return format(message.timeZone);
  } catch {
    return format('UTC');
  }
}

function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export interface RenderedReminder {
  locale: TemplateLocale;
  subject: string;
  text: string;
  html: string;
  /** The calendar event's title. */
  summary: string;
}

/** The reminder e-mail in the patient's language (en, fr, es): text and HTML parts. */
export function renderReminder(message: ReminderMessage): RenderedReminder {
  const locale = templateLocale(message.locale);
  const words = WORDS[locale];
  const when = appointmentTime(message);
  const links: Array<[string, string]> = [];
  if (message.rescheduleUrl) links.push([words.reschedule, message.rescheduleUrl]);
  if (message.cancelUrl) links.push([words.cancel, message.cancelUrl]);
  const text = [
    words.greeting,
    '',
    words.body(message.organization, when),
    words.calendar,
    '',
    ...links.map(([label, url]) => `${label}: ${url}`),
    ...(links.length ? [''] : []),
    words.footer,
    '',
  ].join('\n');
  const html = [
    `<!doctype html><html lang="${locale}"><body>`,
    `<p>${escapeHtml(words.greeting)}</p>`,
    `<p>${escapeHtml(words.body(message.organization, when))}</p>`,
    `<p>${escapeHtml(words.calendar)}</p>`,
    ...links.map(([label, url]) => `<p><a href="${escapeHtml(url)}">${escapeHtml(label)}</a></p>`),
    `<p><small>${escapeHtml(words.footer)}</small></p>`,
    '</body></html>',
  ].join('\n');
  return {
    locale,
    subject: words.subject(when),
    text,
    html,
    summary: words.summary(message.organization),
  };
}

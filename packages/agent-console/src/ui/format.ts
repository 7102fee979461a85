import type { Translate } from '../i18n';

/** `42 s`, `5 min`, `1 h 12 min`; `—` for null. */
export function formatDuration(t: Translate, seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) {
    return t('notAvailable');
  }
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return t('seconds', { n: s });
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return t('minutes', { n: minutes });
  return t('hours', { n: Math.floor(minutes / 60), m: minutes % 60 });
}

export function secondsSince(iso: string, now: number): number {
  return (now - Date.parse(iso)) / 1000;
}

export function formatTime(locale: string, iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(date);
}

/** An appointment's day and time, e.g. `Mon 7 Dec, 13:00`. */
export function formatDateTime(locale: string, iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  }).format(date);
}

/** A language tag as the console's reader names it (`fr` → "French"), with the tag beside. */
export function languageName(locale: string, tag: string): string {
  try {
    const name = new Intl.DisplayNames([locale], { type: 'language' }).of(tag);
    return name && name !== tag ? `${name} (${tag})` : tag;
  } catch {
    return tag;
  }
}

import type { MessageKey, Translate } from '../../i18n';

export const REASONS: Record<string, MessageKey> = {
  'patient-requested': 'reasonPatientRequested',
  'bot-initiated': 'reasonBotInitiated',
  'bot-failure': 'reasonBotFailure',
  urgent: 'reasonUrgent',
  host: 'reasonHost',
};

/** Figures read left to right in a right-to-left page too ("4 / 5", "83.3 %", "2 min"). */
export const ltr = (value: string | number) => <bdi dir="ltr">{value}</bdi>;

/** A figure as the console's language writes it (4.25 in English, 4,25 in French). */
export const decimal = (value: number, locale: string, digits = 2, fixed = false) =>
  new Intl.NumberFormat(locale, {
    minimumFractionDigits: fixed ? digits : 0,
    maximumFractionDigits: digits,
  }).format(value);

export const percent = (rate: number | null, t: Translate, locale = 'en') =>
  rate === null ? t('notAvailable') : `${decimal(Math.round(rate * 1000) / 10, locale, 1)} %`;

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

export const percent = (rate: number | null, t: Translate) =>
  rate === null ? t('notAvailable') : `${Math.round(rate * 1000) / 10} %`;

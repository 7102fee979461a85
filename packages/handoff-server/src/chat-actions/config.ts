import type { Disposition } from '@baton/handoff-protocol';
import { DispositionCode } from '@baton/handoff-protocol';
import { HandoffServerError } from '../internal/errors';

/**
 * What agents may do during and after a chat (`BATON_APPOINTMENT_OFFERS`, `BATON_DISPOSITIONS`…);
 * calls come from the server's call provider (`calls/`, `BATON_CALL_PROVIDER`).
 */
export interface ChatActionsConfig {
  /** Offer appointment slots (free slots of the schedule). */
  appointments: boolean;
  /** How far ahead free slots are listed. */
  slotWindowMs: number;
  /** Disposition codes offered at wrap-up (at least one). */
  dispositions: readonly Disposition[];
}

export const DEFAULT_DISPOSITIONS: readonly Disposition[] = [
  { code: 'resolved', label: 'Resolved' },
  { code: 'appointment_booked', label: 'Appointment booked' },
  { code: 'information_given', label: 'Information given' },
  { code: 'referred', label: 'Referred to a clinician' },
  { code: 'callback_needed', label: 'Callback needed' },
  { code: 'emergency_redirected', label: 'Redirected to emergency services' },
  { code: 'other', label: 'Other' },
];

export const DEFAULT_CHAT_ACTIONS: ChatActionsConfig = {
  appointments: true,
  slotWindowMs: 14 * 24 * 60 * 60_000,
  dispositions: DEFAULT_DISPOSITIONS,
};

/**
 * `code:Label,code:Label` (a code alone is its own label), as in `BATON_DISPOSITIONS`.
 * An empty value keeps the defaults.
 */
export function parseDispositions(value: string | undefined): readonly Disposition[] {
  if (!value?.trim()) return DEFAULT_DISPOSITIONS;
  const list: Disposition[] = [];
  for (const part of value.split(',')) {
    const [rawCode = '', ...rest] = part.split(':');
    const code = rawCode.trim();
    const label = rest.join(':').trim() || code;
    if (!DispositionCode.safeParse(code).success || label.length > 100)
      throw new HandoffServerError('invalid_config', 'BATON_DISPOSITIONS has an invalid entry');
    if (!list.some((d) => d.code === code)) list.push({ code, label });
  }
  if (list.length === 0 || list.length > 50)
    throw new HandoffServerError('invalid_config', 'BATON_DISPOSITIONS needs 1 to 50 codes');
  return list;
}

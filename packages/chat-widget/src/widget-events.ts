import type { Activity } from './directline/activity';
import type { EscalationSignal } from './escalation/types';
import { format, stringsFor } from './i18n/strings';
import type { MessageEvent } from './types';

/** The host's `message` event: ids, sizes and kinds; the text only with `messageTextInEvents`. */
export function messageEvent(
  activity: Activity,
  from: 'bot' | 'patient',
  withText: boolean | undefined,
): MessageEvent {
  return {
    id: activity.id ?? String(activity.channelData?.clientActivityID ?? ''),
    from,
    type: activity.type,
    at: activity.timestamp ?? new Date().toISOString(),
    hasText: typeof activity.text === 'string' && activity.text.length > 0,
    attachments: Array.isArray(activity.attachments) ? activity.attachments.length : 0,
    ...(withText && typeof activity.text === 'string' ? { text: activity.text } : {}),
  };
}

/** The emergency banner's words go with the escalation: the agent must know they were said. */
export function withGuidance(signal: EscalationSignal, locale: string): EscalationSignal {
  const number = signal.emergencyNumber;
  if (!number) return signal;
  const text = format(stringsFor(locale).emergencyBody, { number });
  return { ...signal, reason: { ...signal.reason, guidance: { emergencyNumber: number, text } } };
}

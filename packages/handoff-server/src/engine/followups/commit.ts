import type { MessageRecord, NewMessage } from '../../storage/records';
import { newLogRecord, readBody } from '../log-record';
import { refuse } from '../refusals';
import type { FollowUpLogEvent } from './types';

/** The protocol's `ack` builder (patient and agent acks have one shape). */
export { ackMessage as ackFrame } from '@baton/handoff-protocol';

export function followUpRecord(
  key: string,
  from: NewMessage['from'],
  senderId: string,
  event: FollowUpLogEvent,
): NewMessage {
  return newLogRecord(key, from, senderId, { kind: 'followup', event });
}

/** The follow-up event of a log record, if it is one. */
export function followUpOf(record: MessageRecord): FollowUpLogEvent | null {
  const body = readBody(record);
  return body.kind === 'followup' ? body.event : null;
}

/** Follow-up events of one type, oldest first, with their records. */
export function followUpsOfType<T extends FollowUpLogEvent['type']>(
  log: readonly MessageRecord[],
  type: T,
): { record: MessageRecord; event: Extract<FollowUpLogEvent, { type: T }> }[] {
  const found: { record: MessageRecord; event: Extract<FollowUpLogEvent, { type: T }> }[] = [];
  for (const record of log) {
    const event = followUpOf(record);
    if (event?.type === type)
      found.push({ record, event: event as Extract<FollowUpLogEvent, { type: T }> });
  }
  return found;
}

/**
 * A command retried with the same client message id: the stored record when it holds the
 * same follow-up from the same sender (the caller acks it again), `null` when the id is new,
 * and a `conflict` when the id was used for something else.
 */
export function sameEarlier(
  log: readonly MessageRecord[],
  key: string,
  senderId: string,
  event: FollowUpLogEvent,
): MessageRecord | null {
  const earlier = log.find((record) => record.clientMessageId === key);
  if (!earlier) return null;
  const stored = followUpOf(earlier);
  if (
    earlier.senderId !== senderId ||
    !stored ||
    JSON.stringify(stored) !== JSON.stringify(event)
  ) {
    throw refuse.conflict('clientMessageId already used for something else');
  }
  return earlier;
}

import type { Priority } from '@baton/handoff-protocol';
import type { FieldCipher } from './crypto';
import type {
  FollowUpDetail,
  FollowUpItemRecord,
  FollowUpKind,
  FollowUpStatus,
  QueueWaitSample,
} from './followup-records';
import { followUpAad } from './followup-rules';
import { iso } from './rows';

type Row = Record<string, unknown>;

const isoOrNull = (value: unknown) =>
  value === null || value === undefined ? null : iso(value as string | Date);

/** A `follow_ups` row (same columns in SQLite and PostgreSQL) → record, sealed fields opened. */
export function toFollowUp(cipher: FieldCipher, row: Row): FollowUpItemRecord {
  const id = String(row.id);
  const note =
    row.outcome_note === null || row.outcome_note === undefined
      ? null
      : cipher.open(
          { keyId: String(row.note_key_id), data: row.outcome_note as Buffer },
          followUpAad.note(id),
        );
  return {
    id,
    key: String(row.cause_key),
    conversationId: String(row.conversation_id),
    queue: String(row.queue),
    priority: String(row.priority) as Priority,
    patientId: String(row.patient_id),
    kind: String(row.kind) as FollowUpKind,
    detail: cipher.openJson<FollowUpDetail>(
      { keyId: String(row.key_id), data: row.detail as Buffer },
      followUpAad.detail(id),
    ),
    createdAt: iso(row.created_at as string | Date),
    status: String(row.status) as FollowUpStatus,
    claimedBy:
      row.claimed_by === null || row.claimed_by === undefined ? null : String(row.claimed_by),
    claimedAt: isoOrNull(row.claimed_at),
    outcomeNote: note,
    closedAt: isoOrNull(row.closed_at),
  };
}

/** A `queue_waits` row → sample. */
export function toQueueWait(row: Row): QueueWaitSample {
  return {
    queue: String(row.queue),
    conversationId: String(row.conversation_id),
    waitedMs: Number(row.waited_ms),
    claimedAt: iso(row.claimed_at as string | Date),
  };
}

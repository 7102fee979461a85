import type { Party, Priority } from '@baton/handoff-protocol';
import type {
  AgentPresence,
  AgentRecord,
  AppointmentBooking,
  AppointmentSlot,
  AuditActorRole,
  AuditRecord,
  ConversationRecord,
  ConversationState,
  MessageKind,
  QueueEntry,
  SurveyQuestion,
} from './records';
import { canonicalIso } from './shared';

/** Row → record mapping shared by the SQL backends (same column names in both). */
type Instant = string | Date;
type Row = Record<string, unknown>;

export function iso(value: Instant): string {
  return value instanceof Date ? value.toISOString() : canonicalIso(value);
}

function isoOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : iso(value as Instant);
}

function textOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

export function toConversation(row: Row): ConversationRecord {
  return {
    id: String(row.id),
    patientId: String(row.patient_id),
    state: row.state as ConversationState,
    queue: textOrNull(row.queue),
    priority: row.priority as Priority,
    assignedAgentId: textOrNull(row.assigned_agent_id),
    createdAt: iso(row.created_at as Instant),
    updatedAt: iso(row.updated_at as Instant),
    endedAt: isoOrNull(row.ended_at),
    version: Number(row.version),
  };
}

/** Everything of a message row but the (encrypted) body. */
export function toMessageMeta(row: Row): {
  conversationId: string;
  seq: number;
  clientMessageId: string;
  from: Party;
  senderId: string;
  kind: MessageKind;
  createdAt: string;
} {
  return {
    conversationId: String(row.conversation_id),
    seq: Number(row.seq),
    clientMessageId: String(row.client_message_id),
    from: row.sender_party as Party,
    senderId: String(row.sender_id),
    kind: row.kind as MessageKind,
    createdAt: iso(row.created_at as Instant),
  };
}

export function toQueueEntry(row: Row): QueueEntry {
  return {
    conversationId: String(row.conversation_id),
    queue: String(row.queue),
    priority: row.priority as Priority,
    enqueuedAt: iso(row.enqueued_at as Instant),
  };
}

export function toAgent(row: Row): AgentRecord {
  const queues = typeof row.queues === 'string' ? JSON.parse(row.queues) : row.queues;
  return {
    id: String(row.id),
    displayName: String(row.display_name),
    queues: queues as string[],
    capacity: Number(row.capacity),
    presence: row.presence as AgentPresence,
    activeCount: Number(row.active_count ?? 0),
    updatedAt: iso(row.updated_at as Instant),
  };
}

export function toQuestions(value: unknown): SurveyQuestion[] {
  return (typeof value === 'string' ? JSON.parse(value) : value) as SurveyQuestion[];
}

export function toBooking(row: Row): AppointmentBooking {
  return {
    slotId: String(row.slot_id),
    conversationId: String(row.conversation_id),
    patientId: String(row.patient_id),
    bookedAt: iso(row.booked_at as Instant),
  };
}

/** A slot row left-joined with its booking (`b_*` columns). */
export function toSlot(row: Row): AppointmentSlot {
  return {
    id: String(row.id),
    startsAt: iso(row.starts_at as Instant),
    endsAt: iso(row.ends_at as Instant),
    label: textOrNull(row.label),
    ...(typeof row.service === 'string' ? { service: row.service } : {}),
    booking:
      row.b_conversation_id === null || row.b_conversation_id === undefined
        ? null
        : {
            slotId: String(row.id),
            conversationId: String(row.b_conversation_id),
            patientId: String(row.b_patient_id),
            bookedAt: iso(row.b_booked_at as Instant),
          },
  };
}

export function toAudit(row: Row): AuditRecord {
  return {
    id: Number(row.id),
    action: row.action as AuditRecord['action'],
    outcome: row.outcome as AuditRecord['outcome'],
    actorId: String(row.actor_id),
    actorRole: row.actor_role as AuditActorRole,
    conversationId: textOrNull(row.conversation_id),
    patientId: textOrNull(row.patient_id),
    targetId: textOrNull(row.target_id),
    reason: textOrNull(row.reason),
    at: iso(row.at as Instant),
  };
}

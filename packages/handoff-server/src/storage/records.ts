import {
  type ConversationState,
  ConversationState as ConversationStateSchema,
  type Party,
  type Priority,
  type AgentPresence as ProtocolAgentPresence,
} from '@baton/handoff-protocol';

/** Conversation states: the protocol's (the engine owns transitions). */
export type { ConversationState };

export const CONVERSATION_STATES: readonly ConversationState[] = ConversationStateSchema.options;

/** Entering one of these stamps `endedAt` (retention counts from it); leaving one clears it. */
export const FINISHED_STATES: ReadonlySet<ConversationState> = new Set([
  'ended',
  'returned_to_bot',
  'abandoned',
  'expired',
  'failed',
]);

export interface ConversationRecord {
  id: string;
  /** The patient this conversation is bound to, for its whole life. */
  patientId: string;
  state: ConversationState;
  queue: string | null;
  priority: Priority;
  assignedAgentId: string | null;
  createdAt: string;
  updatedAt: string;
  endedAt: string | null;
  /** Bumped on every change: lets callers detect concurrent writers. */
  version: number;
}

export interface NewConversation {
  id: string;
  patientId: string;
  state?: ConversationState;
  queue?: string | null;
  priority?: Priority;
}

/** Why a compare-and-set operation did not apply. */
export type ConflictReason = 'not_found' | 'state_mismatch' | 'not_assignee';

export type ConversationChange =
  | { ok: true; conversation: ConversationRecord }
  | { ok: false; reason: ConflictReason; current: ConversationRecord | null };

export interface StateUpdate {
  /** Compare-and-set: applies only when the current state is one of these. */
  expected: ConversationState | readonly ConversationState[];
  next: ConversationState;
  queue?: string | null;
  priority?: Priority;
  assignedAgentId?: string | null;
}

export type MessageKind = 'message' | 'note';

export interface NewMessage {
  /** The sender's id for this message; a repeat with the same id returns the stored one. */
  clientMessageId: string;
  from: Party;
  senderId: string;
  body: string;
  /** `note`: agent-internal, never delivered to the patient. */
  kind?: MessageKind;
}

export interface MessageRecord {
  conversationId: string;
  seq: number;
  clientMessageId: string;
  from: Party;
  senderId: string;
  body: string;
  kind: MessageKind;
  createdAt: string;
}

export interface AppendResult {
  message: MessageRecord;
  /** True when this clientMessageId was already stored (same seq returned). */
  duplicate: boolean;
}

export interface QueueEntry {
  conversationId: string;
  queue: string;
  priority: Priority;
  enqueuedAt: string;
}

export type TransferTarget = { agentId: string } | { queue: string };

/**
 * The presence an agent set, in the protocol's words. `busy` is never stored: an available
 * agent at capacity is shown busy (see the desk's `presenceOf`).
 */
export type AgentPresence = Exclude<ProtocolAgentPresence, 'busy'>;

export interface AgentProfile {
  id: string;
  displayName: string;
  queues: string[];
  capacity: number;
}

export interface AgentRecord extends AgentProfile {
  presence: AgentPresence;
  /** Conversations currently `assigned` to this agent (derived, never stale). */
  activeCount: number;
  updatedAt: string;
}

export interface SurveyQuestion {
  id: string;
  text: string;
  kind: 'rating' | 'choice' | 'text';
  choices?: string[];
}

export interface Survey {
  id: string;
  title: string;
  questions: SurveyQuestion[];
}

export type SurveyAnswers = Record<string, string | number>;

export interface SurveyResponse {
  id: string;
  surveyId: string;
  conversationId: string;
  patientId: string;
  answers: SurveyAnswers;
  submittedAt: string;
}

export type NewSurveyResponse = Omit<SurveyResponse, 'submittedAt'>;

export interface AppointmentSlot {
  id: string;
  startsAt: string;
  endsAt: string;
  label: string | null;
  /** Null when free. */
  booking: AppointmentBooking | null;
  /** The queue or service the slot belongs to (absent: any). */
  service?: string;
}

export type NewAppointmentSlot = Pick<AppointmentSlot, 'id' | 'startsAt' | 'endsAt'> & {
  label?: string | null;
  service?: string | null;
};

export interface AppointmentBooking {
  slotId: string;
  conversationId: string;
  patientId: string;
  bookedAt: string;
}

export type BookingResult =
  | { ok: true; booking: AppointmentBooking }
  | { ok: false; reason: 'not_found' | 'already_booked' };

export type AuditAction =
  | 'conversation.view'
  | 'conversation.message'
  | 'conversation.end'
  | 'conversation.claim'
  | 'conversation.transfer'
  | 'conversation.delete'
  | 'transcript.view'
  | 'transcript.export'
  | 'config.read'
  | 'config.update'
  | 'patient.delete'
  | 'retention.purge'
  | 'auth.signin'
  | 'appointment.reminder'
  | 'followup.create'
  | 'followup.view'
  | 'followup.claim'
  | 'followup.close'
  | 'auth.signout'
  | 'auth.logoff'
  | 'bot.authenticate'
  | 'auth.handshake'
  | 'auth.user_disabled'
  | 'auth.user_enabled'
  | 'auth.signin_failed'
  | 'conversation.access_withdrawn'
  | 'queue.subscribe'
  | 'supervisor.subscribe'
  | 'presence'
  | 'content.list'
  | 'content.save'
  | 'content.retire'
  | 'consult.request'
  | 'notification.sent'
  | 'notification.failed'
  | 'notification.list'
  | 'notification.retry'
  | 'history.list'
  | 'history.view'
  | 'conversation.whisper'
  | 'conversation.barge'
  | 'appointment.link'
  | 'analytics.read'
  | 'analytics.export'
  | 'audit.read'
  | 'settings.read'
  | 'settings.update'
  | 'slots.add'
  | 'slots.remove'
  | 'attachment.upload'
  | 'attachment.view';

/** `unverified`: someone refused before any token was verified (an origin not allowed). */
export type AuditActorRole = 'patient' | 'agent' | 'supervisor' | 'admin' | 'system' | 'unverified';

/** Ids and codes only: an audit record never holds message text, names or tokens. */
export interface AuditEvent {
  action: AuditAction;
  outcome: 'allowed' | 'denied';
  actorId: string;
  actorRole: AuditActorRole;
  conversationId?: string | null;
  patientId?: string | null;
  /** Another id the action touched: the target agent or queue of a transfer, a slot. */
  targetId?: string | null;
  /** A short machine code (`not_own_conversation`), never free text from a user. */
  reason?: string | null;
  /**
   * Ignored by default: the store stamps the time of the append itself, so a caller cannot
   * back- or forward-date a record. Kept only by a store opened with
   * `trustAuditTimestamps: true` (tests, imports of an existing log).
   */
  at?: string;
}

export interface AuditRecord {
  id: number;
  action: AuditAction;
  outcome: 'allowed' | 'denied';
  actorId: string;
  actorRole: AuditActorRole;
  conversationId: string | null;
  patientId: string | null;
  targetId: string | null;
  reason: string | null;
  at: string;
}

export interface AuditQuery {
  conversationId?: string;
  actorId?: string;
  patientId?: string;
  /** Inclusive ISO instants. */
  from?: string;
  to?: string;
  limit?: number;
  /** Only this action. */
  action?: AuditAction;
  /** Newest first (the audit viewer); default oldest first. */
  newestFirst?: boolean;
}

export interface PurgeResult {
  conversations: number;
}

export interface PatientDeletionResult {
  conversations: number;
  surveyResponses: number;
  bookings: number;
}

/** A booking that was cancelled (by the patient, or moved by a reschedule). */
export interface CancelledBooking extends AppointmentBooking {
  cancelledAt: string;
}

export type CancelResult =
  | { ok: true; booking: CancelledBooking }
  | { ok: false; reason: 'not_found' };

/** `appendIfAllowed`: appended (with the conversation as checked), or refused and nothing written. */
export type GuardedAppendResult =
  | { ok: true; conversation: ConversationRecord; appended: AppendResult }
  | { ok: false; conversation: ConversationRecord | null };

import type { Priority, Transcript } from '@baton/handoff-protocol';
import type { ApiKeyOps } from './api-keys';
import type { AttachmentOps } from './attachment-records';
import type { BotSessionOps } from './bot-sessions';
import type { ChatActionOps } from './chat-actions';
import type { ConsultThreadOps } from './consult-threads';
import type { ContentOps } from './content-records';
import type { DeliveryOps } from './deliveries';
import type { DeskFigureOps } from './desk-figures';
import type { HandoffCommit, NewHandoff, ScheduleClaim, ScheduleRecord } from './durability';
import type {
  FollowUpChange,
  FollowUpFilter,
  FollowUpItemRecord,
  FollowUpStats,
  NewFollowUpItem,
  QueueWaitSample,
} from './followup-records';
import type { InsightOps } from './insight-records';
import type { ReadMarkOps } from './read-marks';
import type {
  AgentPresence,
  AgentProfile,
  AgentRecord,
  AppendResult,
  AppointmentBooking,
  AppointmentSlot,
  AuditEvent,
  AuditQuery,
  AuditRecord,
  BookingResult,
  CancelledBooking,
  CancelResult,
  ConversationChange,
  ConversationRecord,
  ConversationState,
  GuardedAppendResult,
  MessageRecord,
  NewAppointmentSlot,
  NewConversation,
  NewMessage,
  NewSurveyResponse,
  PatientDeletionResult,
  PurgeResult,
  QueueEntry,
  StateUpdate,
  Survey,
  SurveyResponse,
  TransferTarget,
} from './records';
import type { StaffAccessOps } from './staff-access';
import type { StaffAssignmentOps } from './staff-assignments';
import type { AgentWorkOps } from './staff-sessions';

/**
 * Persistence for the handoff server. Like a socket.io adapter, a store is dumb: the engine
 * owns the state machine, validation and delivery; a store only keeps records and offers
 * the few atomic operations the engine needs (compare-and-set of a state, per-conversation
 * `seq` with de-duplication, exactly-one-wins claims, book-once slots).
 *
 * Every implementation passes `testConversationStore` from `@baton/handoff-server/testing`.
 * Failures are `HandoffServerError`s with the same code in every backend: a duplicate id is
 * `conflict`, a reference to a record that does not exist is `not_found`; a driver's own
 * error is kept as the `cause`, never thrown raw for those cases.
 */
export interface ConversationStore
  extends AgentWorkOps,
    StaffAccessOps,
    DeskFigureOps,
    ContentOps,
    ChatActionOps,
    DeliveryOps,
    BotSessionOps,
    InsightOps,
    AttachmentOps,
    ConsultThreadOps,
    StaffAssignmentOps,
    ApiKeyOps,
    ReadMarkOps {
  // Conversations
  /** Creates a conversation bound to `patientId`; `conflict` error if the id exists. */
  createConversation(input: NewConversation): Promise<ConversationRecord>;
  getConversation(id: string): Promise<ConversationRecord | null>;
  listConversations(filter?: {
    states?: readonly ConversationState[];
    patientId?: string;
    assignedAgentId?: string;
  }): Promise<ConversationRecord[]>;
  /** Optimistic compare-and-set on the current state. */
  updateState(id: string, update: StateUpdate): Promise<ConversationChange>;
  /**
   * A patient's conversations, newest first (`createdAt`, then id, descending), at most
   * `limit` (1–100), without `excludeId`: the patient history staff see. Indexed by patient.
   */
  listPatientConversations(
    patientId: string,
    options: { limit: number; excludeId?: string },
  ): Promise<ConversationRecord[]>;

  // Messages: committed before acknowledged, in `seq` order, exactly once.
  /**
   * Assigns the next `seq` atomically; a repeated `clientMessageId` returns the stored record.
   * `not_found` error when the conversation does not exist.
   */
  appendMessage(conversationId: string, message: NewMessage): Promise<AppendResult>;
  /**
   * `appendMessage` if `allow(conversation)` (synchronous, must not throw) says so, with the
   * conversation read in the same transaction where the store has one (SQLite: one group
   * write, no read of its own). Refused or missing: nothing written.
   */
  appendIfAllowed(
    conversationId: string,
    message: NewMessage,
    allow: (conversation: ConversationRecord) => boolean,
  ): Promise<GuardedAppendResult>;
  listMessages(
    conversationId: string,
    options?: { afterSeq?: number; limit?: number },
  ): Promise<MessageRecord[]>;

  // Transcripts (the bot part, saved by `createHandoff` with the handoff request)
  getTranscript(conversationId: string): Promise<Transcript | null>;

  /**
   * One transaction: creates the conversation in `handoff_requested` (or moves it there from
   * one of `reopenFrom`), saves the transcript, appends the request entry. A repeated
   * `clientMessageId` changes nothing and returns the original entry (`duplicate`); a
   * conversation of another patient is a `conflict` error; any other state is a
   * `state_mismatch` result. Also stamps the conversation's last activity.
   */
  createHandoff(input: NewHandoff): Promise<HandoffCommit>;
  /** Records patient activity at `at` (never moves it back). No-op for an unknown id. */
  touchActivity(conversationId: string, at: string): Promise<void>;
  /** Last patient activity (or the last change, for rows older than that column). */
  lastActivity(conversationId: string): Promise<string | null>;

  // Schedules: durable deadlines, claimed by one node at a time.
  /** Creates or re-arms (new `dueAt`, claim dropped, `version` bumped). */
  setSchedule(kind: string, key: string, dueAt: string): Promise<void>;
  /** Creates only when absent; true when created. */
  ensureSchedule(kind: string, key: string, dueAt: string): Promise<boolean>;
  getSchedule(kind: string, key: string): Promise<ScheduleRecord | null>;
  /** Deletes the key's schedules of these kinds (all kinds when omitted); returns how many. */
  clearSchedules(key: string, kinds?: readonly string[]): Promise<number>;
  /**
   * Claims due rows (due, and unclaimed or with an expired lease), oldest first: of nodes
   * claiming at once, each row goes to exactly one.
   */
  claimDueSchedules(claim: ScheduleClaim): Promise<ScheduleRecord[]>;
  /** Deletes a claimed row if it was not re-armed meanwhile (same `version`); true if deleted. */
  completeSchedule(row: Pick<ScheduleRecord, 'kind' | 'key' | 'version'>): Promise<boolean>;

  // Queues
  /** Moves the conversation to `queued` (compare-and-set) and adds its queue entry. */
  enqueue(
    conversationId: string,
    entry: { queue: string; priority: Priority; expected?: readonly ConversationState[] },
  ): Promise<ConversationChange>;
  /** Entries of one queue: highest priority first, then oldest first; the first `limit` if given. */
  listQueue(queue: string, limit?: number): Promise<QueueEntry[]>;
  /** From the assigned agent to another agent, or back to a queue. */
  transferConversation(
    conversationId: string,
    fromAgentId: string,
    to: TransferTarget,
  ): Promise<ConversationChange>;

  // Agents
  upsertAgent(agent: AgentProfile): Promise<AgentRecord>;
  getAgent(id: string): Promise<AgentRecord | null>;
  listAgents(filter?: { queue?: string; presence?: AgentPresence }): Promise<AgentRecord[]>;
  setAgentPresence(id: string, presence: AgentPresence): Promise<AgentRecord | null>;

  // Surveys
  saveSurvey(survey: Survey): Promise<Survey>;
  getSurvey(id: string): Promise<Survey | null>;
  /**
   * One response per (survey, conversation): a second one, or a reused response id, is a
   * `conflict` error; an unknown survey or conversation is a `not_found` error.
   */
  recordSurveyResponse(response: NewSurveyResponse): Promise<SurveyResponse>;
  listSurveyResponses(filter: {
    surveyId?: string;
    conversationId?: string;
  }): Promise<SurveyResponse[]>;

  // Appointments
  /** All or none: an id that exists already is a `conflict` error. */
  addSlots(slots: readonly NewAppointmentSlot[]): Promise<void>;
  /** Slots starting within [from, to), in start order. */
  listSlots(filter?: {
    from?: string;
    to?: string;
    freeOnly?: boolean;
    /** Only slots of this queue/service, plus slots with no service. */
    service?: string;
  }): Promise<AppointmentSlot[]>;
  /**
   * A slot can be booked once; concurrent bookings: exactly one wins. An unknown conversation
   * is a `not_found` error (checked first); an unknown slot is a `not_found` result.
   */
  bookSlot(
    slotId: string,
    booking: { conversationId: string; patientId: string },
  ): Promise<BookingResult>;
  listBookings(filter: {
    patientId?: string;
    conversationId?: string;
  }): Promise<AppointmentBooking[]>;
  /**
   * Frees a slot this patient booked; the booking moves to the cancellation history.
   * `not_found` when this patient holds no booking of that slot (nothing changes).
   */
  cancelBooking(slotId: string, patientId: string): Promise<CancelResult>;
  /**
   * Atomically books `toSlotId` for the conversation of the patient's booking of `fromSlotId`
   * and cancels that booking. Nothing changes unless both happen: `not_found` (no such booking
   * or slot) or `already_booked` (the new slot was taken meanwhile).
   */
  rescheduleBooking(
    fromSlotId: string,
    toSlotId: string,
    patientId: string,
  ): Promise<BookingResult>;
  /** One slot with its booking, by id. */
  getSlot(slotId: string): Promise<AppointmentSlot | null>;
  /**
   * Removes a free slot (an administrator's correction). A booked slot stays (`booked`: cancel
   * the booking first); `not_found` when there is no such slot. Past cancellations are kept.
   */
  removeSlot(slotId: string): Promise<'removed' | 'booked' | 'not_found'>;
  listCancelledBookings(filter: {
    patientId?: string;
    conversationId?: string;
  }): Promise<CancelledBooking[]>;

  // Audit log: append-only, ids never content. There is no update or delete.
  /** The store stamps `at` (see `AuditEvent.at`). */
  appendAudit(event: AuditEvent): Promise<AuditRecord>;
  queryAudit(query: AuditQuery): Promise<AuditRecord[]>;

  // Follow-up worklist: what patients left behind, claimed and closed by staff.
  /**
   * Creates an `open` item; a repeated `key` returns the stored item with `created: false`
   * (exactly once per cause, across nodes). Unknown conversation: `not_found` error.
   */
  createFollowUp(item: NewFollowUpItem): Promise<{ item: FollowUpItemRecord; created: boolean }>;
  getFollowUp(id: string): Promise<FollowUpItemRecord | null>;
  /** Oldest first, bounded (see `FOLLOW_UP_LIST_LIMIT`). */
  listFollowUps(filter?: FollowUpFilter): Promise<FollowUpItemRecord[]>;
  /** `open` → `claimed` by `agentId`; of N concurrent claims exactly one succeeds. */
  claimFollowUp(id: string, agentId: string): Promise<FollowUpChange>;
  /** `claimed` by `agentId` → `closed` with the outcome note. */
  closeFollowUp(id: string, agentId: string, outcomeNote: string): Promise<FollowUpChange>;
  /** Open and claimed counts, the oldest item not closed, items closed since `closedSince`. */
  followUpStats(closedSince: string): Promise<FollowUpStats>;

  // Measured queue waits (wait estimates that every node shares and a restart keeps)
  /** Appends one sample; a second sample for the same conversation and instant is ignored. */
  recordQueueWait(sample: QueueWaitSample): Promise<void>;
  /** Samples of `queue` claimed at or after `since`, newest first, at most `limit` (≤ 200). */
  recentQueueWaits(queue: string, since: string, limit: number): Promise<QueueWaitSample[]>;

  // Retention
  /** Deletes conversations finished before `cutoff` (with their data); audit stubs stay. */
  purgeFinishedBefore(cutoff: Date): Promise<PurgeResult>;
  /** Deletes everything held for a patient; one audit stub (ids only) records it. */
  deletePatientData(
    patientId: string,
    actor: { actorId: string; actorRole: AuditEvent['actorRole'] },
  ): Promise<PatientDeletionResult>;

  close(): Promise<void>;
}

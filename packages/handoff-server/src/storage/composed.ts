import type { Priority, Transcript } from '@baton/handoff-protocol';
import type { BotSessionEnd, BotSessionOps, BotSessionRecord, NewBotSession } from './bot-sessions';
import type {
  ChatActionOps,
  ConsultationRecord,
  DispositionCount,
  DispositionFilter,
  NewWrapUp,
  WrapUpRecord,
} from './chat-actions';
import type { ContentFields, ContentFilter, ContentOps, ContentRecord } from './content-records';
import type { ConversationStore } from './contract';
import type {
  DeliveryFilter,
  DeliveryOps,
  DeliveryOutcome,
  DeliveryRecord,
  NewDelivery,
} from './deliveries';
import type { DeskCounts, DeskFigureOps, QueuePosition } from './desk-figures';
import type { HandoffCommit, NewHandoff, ScheduleClaim, ScheduleRecord } from './durability';
import type {
  FollowUpChange,
  FollowUpFilter,
  FollowUpItemRecord,
  FollowUpStats,
  NewFollowUpItem,
  QueueWaitSample,
} from './followup-records';
import type {
  AnalyticsFacts,
  AnalyticsRange,
  EscalationRecord,
  InsightOps,
  SettingRecord,
} from './insight-records';
import type {
  AgentPresence,
  AgentProfile,
  AgentRecord,
  AgentScript,
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
  MessageRecord,
  NewAgentScript,
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
import type { DisabledStaffRecord, StaffAccessOps } from './staff-access';
import type { AgentWorkOps, NewStaffSession, StaffSessionRecord } from './staff-sessions';

/** Conversations, their messages and their bot transcript. */
export type ConversationOps = Pick<
  ConversationStore,
  | 'createConversation'
  | 'getConversation'
  | 'listConversations'
  | 'updateState'
  | 'appendMessage'
  | 'listMessages'
  | 'saveTranscript'
  | 'getTranscript'
  | 'listPatientConversations'
>;

/** Queue entries, claims and transfers. */
export type QueueOps = Pick<
  ConversationStore,
  'enqueue' | 'listQueue' | 'claimConversation' | 'transferConversation'
>;

/** Agents and their canned scripts. */
export type AgentScriptOps = Pick<
  ConversationStore,
  | 'upsertAgent'
  | 'getAgent'
  | 'listAgents'
  | 'setAgentPresence'
  | 'createScript'
  | 'updateScript'
  | 'deleteScript'
  | 'getScript'
  | 'listScripts'
>;

/** Satisfaction surveys and appointment slots. */
export type SurveyAppointmentOps = Pick<
  ConversationStore,
  | 'saveSurvey'
  | 'getSurvey'
  | 'recordSurveyResponse'
  | 'listSurveyResponses'
  | 'addSlots'
  | 'listSlots'
  | 'bookSlot'
  | 'listBookings'
>;

/** The append-only audit log and retention (purge, per-patient deletion). */
export type AuditRetentionOps = Pick<
  ConversationStore,
  'appendAudit' | 'queryAudit' | 'purgeFinishedBefore' | 'deletePatientData'
>;

/** Handoff commits, patient activity and durable schedules. */
export type DurabilityOps = Pick<
  ConversationStore,
  | 'createHandoff'
  | 'touchActivity'
  | 'lastActivity'
  | 'setSchedule'
  | 'ensureSchedule'
  | 'getSchedule'
  | 'clearSchedules'
  | 'claimDueSchedules'
  | 'completeSchedule'
>;

/** The follow-up worklist and measured queue waits. */
export type FollowUpOps = Pick<
  ConversationStore,
  | 'createFollowUp'
  | 'getFollowUp'
  | 'listFollowUps'
  | 'claimFollowUp'
  | 'closeFollowUp'
  | 'followUpStats'
  | 'recordQueueWait'
  | 'recentQueueWaits'
>;

/** Cancelling and moving appointment bookings (migration 8). */
export type AppointmentChangeOps = Pick<
  ConversationStore,
  'cancelBooking' | 'rescheduleBooking' | 'listCancelledBookings' | 'getSlot'
>;

/** One backend's implementation of each concern; `close` stays with the store class. */
export interface StoreParts {
  conversations: ConversationOps;
  queues: QueueOps;
  agentsAndScripts: AgentScriptOps;
  surveysAndAppointments: SurveyAppointmentOps;
  auditAndRetention: AuditRetentionOps;
  durability: DurabilityOps;
  followUps: FollowUpOps;
  agentWork: AgentWorkOps;
  staffAccess: StaffAccessOps;
  deskFigures: DeskFigureOps;
  content: ContentOps;
  chatActions: ChatActionOps;
  deliveries: DeliveryOps;
  botSessions: BotSessionOps;
  appointmentChanges: AppointmentChangeOps;
  insights: InsightOps;
}

/**
 * A `ConversationStore` assembled from per-concern parts: each backend writes its parts as
 * small modules over its own handle, and this class only routes each method to its part.
 */
export abstract class ComposedConversationStore implements ConversationStore {
  readonly #parts: StoreParts;

  protected constructor(parts: StoreParts) {
    this.#parts = parts;
  }

  abstract close(): Promise<void>;

  createConversation(input: NewConversation): Promise<ConversationRecord> {
    return this.#parts.conversations.createConversation(input);
  }
  getConversation(id: string): Promise<ConversationRecord | null> {
    return this.#parts.conversations.getConversation(id);
  }
  listConversations(filter?: {
    states?: readonly ConversationState[];
    patientId?: string;
    assignedAgentId?: string;
  }): Promise<ConversationRecord[]> {
    return this.#parts.conversations.listConversations(filter);
  }
  listPatientConversations(
    patientId: string,
    options: { limit: number; excludeId?: string },
  ): Promise<ConversationRecord[]> {
    return this.#parts.conversations.listPatientConversations(patientId, options);
  }
  updateState(id: string, update: StateUpdate): Promise<ConversationChange> {
    return this.#parts.conversations.updateState(id, update);
  }
  appendMessage(conversationId: string, message: NewMessage): Promise<AppendResult> {
    return this.#parts.conversations.appendMessage(conversationId, message);
  }
  listMessages(
    conversationId: string,
    options?: { afterSeq?: number; limit?: number },
  ): Promise<MessageRecord[]> {
    return this.#parts.conversations.listMessages(conversationId, options);
  }
  saveTranscript(conversationId: string, transcript: Transcript): Promise<void> {
    return this.#parts.conversations.saveTranscript(conversationId, transcript);
  }
  getTranscript(conversationId: string): Promise<Transcript | null> {
    return this.#parts.conversations.getTranscript(conversationId);
  }

  createHandoff(input: NewHandoff): Promise<HandoffCommit> {
    return this.#parts.durability.createHandoff(input);
  }
  touchActivity(conversationId: string, at: string): Promise<void> {
    return this.#parts.durability.touchActivity(conversationId, at);
  }
  lastActivity(conversationId: string): Promise<string | null> {
    return this.#parts.durability.lastActivity(conversationId);
  }
  setSchedule(kind: string, key: string, dueAt: string): Promise<void> {
    return this.#parts.durability.setSchedule(kind, key, dueAt);
  }
  ensureSchedule(kind: string, key: string, dueAt: string): Promise<boolean> {
    return this.#parts.durability.ensureSchedule(kind, key, dueAt);
  }
  getSchedule(kind: string, key: string): Promise<ScheduleRecord | null> {
    return this.#parts.durability.getSchedule(kind, key);
  }
  clearSchedules(key: string, kinds?: readonly string[]): Promise<number> {
    return this.#parts.durability.clearSchedules(key, kinds);
  }
  claimDueSchedules(claim: ScheduleClaim): Promise<ScheduleRecord[]> {
    return this.#parts.durability.claimDueSchedules(claim);
  }
  completeSchedule(row: Pick<ScheduleRecord, 'kind' | 'key' | 'version'>): Promise<boolean> {
    return this.#parts.durability.completeSchedule(row);
  }

  enqueue(
    conversationId: string,
    entry: { queue: string; priority: Priority; expected?: readonly ConversationState[] },
  ): Promise<ConversationChange> {
    return this.#parts.queues.enqueue(conversationId, entry);
  }
  listQueue(queue: string): Promise<QueueEntry[]> {
    return this.#parts.queues.listQueue(queue);
  }
  claimConversation(conversationId: string, agentId: string): Promise<ConversationChange> {
    return this.#parts.queues.claimConversation(conversationId, agentId);
  }
  transferConversation(
    conversationId: string,
    fromAgentId: string,
    to: TransferTarget,
  ): Promise<ConversationChange> {
    return this.#parts.queues.transferConversation(conversationId, fromAgentId, to);
  }

  upsertAgent(agent: AgentProfile): Promise<AgentRecord> {
    return this.#parts.agentsAndScripts.upsertAgent(agent);
  }
  getAgent(id: string): Promise<AgentRecord | null> {
    return this.#parts.agentsAndScripts.getAgent(id);
  }
  listAgents(filter?: { queue?: string; presence?: AgentPresence }): Promise<AgentRecord[]> {
    return this.#parts.agentsAndScripts.listAgents(filter);
  }
  setAgentPresence(id: string, presence: AgentPresence): Promise<AgentRecord | null> {
    return this.#parts.agentsAndScripts.setAgentPresence(id, presence);
  }
  createScript(script: NewAgentScript): Promise<AgentScript> {
    return this.#parts.agentsAndScripts.createScript(script);
  }
  updateScript(
    id: string,
    patch: Partial<Pick<AgentScript, 'title' | 'body' | 'queue'>>,
  ): Promise<AgentScript | null> {
    return this.#parts.agentsAndScripts.updateScript(id, patch);
  }
  deleteScript(id: string): Promise<boolean> {
    return this.#parts.agentsAndScripts.deleteScript(id);
  }
  getScript(id: string): Promise<AgentScript | null> {
    return this.#parts.agentsAndScripts.getScript(id);
  }
  listScripts(filter?: { queue?: string }): Promise<AgentScript[]> {
    return this.#parts.agentsAndScripts.listScripts(filter);
  }

  saveSurvey(survey: Survey): Promise<Survey> {
    return this.#parts.surveysAndAppointments.saveSurvey(survey);
  }
  getSurvey(id: string): Promise<Survey | null> {
    return this.#parts.surveysAndAppointments.getSurvey(id);
  }
  recordSurveyResponse(response: NewSurveyResponse): Promise<SurveyResponse> {
    return this.#parts.surveysAndAppointments.recordSurveyResponse(response);
  }
  listSurveyResponses(filter: {
    surveyId?: string;
    conversationId?: string;
  }): Promise<SurveyResponse[]> {
    return this.#parts.surveysAndAppointments.listSurveyResponses(filter);
  }
  addSlots(slots: readonly NewAppointmentSlot[]): Promise<void> {
    return this.#parts.surveysAndAppointments.addSlots(slots);
  }
  listSlots(filter?: {
    from?: string;
    to?: string;
    freeOnly?: boolean;
    service?: string;
  }): Promise<AppointmentSlot[]> {
    return this.#parts.surveysAndAppointments.listSlots(filter);
  }
  bookSlot(
    slotId: string,
    booking: { conversationId: string; patientId: string },
  ): Promise<BookingResult> {
    return this.#parts.surveysAndAppointments.bookSlot(slotId, booking);
  }
  listBookings(filter: {
    patientId?: string;
    conversationId?: string;
  }): Promise<AppointmentBooking[]> {
    return this.#parts.surveysAndAppointments.listBookings(filter);
  }

  createFollowUp(item: NewFollowUpItem): Promise<{ item: FollowUpItemRecord; created: boolean }> {
    return this.#parts.followUps.createFollowUp(item);
  }
  getFollowUp(id: string): Promise<FollowUpItemRecord | null> {
    return this.#parts.followUps.getFollowUp(id);
  }
  listFollowUps(filter?: FollowUpFilter): Promise<FollowUpItemRecord[]> {
    return this.#parts.followUps.listFollowUps(filter);
  }
  claimFollowUp(id: string, agentId: string): Promise<FollowUpChange> {
    return this.#parts.followUps.claimFollowUp(id, agentId);
  }
  closeFollowUp(id: string, agentId: string, outcomeNote: string): Promise<FollowUpChange> {
    return this.#parts.followUps.closeFollowUp(id, agentId, outcomeNote);
  }
  followUpStats(closedSince: string): Promise<FollowUpStats> {
    return this.#parts.followUps.followUpStats(closedSince);
  }

  recordQueueWait(sample: QueueWaitSample): Promise<void> {
    return this.#parts.followUps.recordQueueWait(sample);
  }
  recentQueueWaits(queue: string, since: string, limit: number): Promise<QueueWaitSample[]> {
    return this.#parts.followUps.recentQueueWaits(queue, since, limit);
  }

  appendAudit(event: AuditEvent): Promise<AuditRecord> {
    return this.#parts.auditAndRetention.appendAudit(event);
  }
  queryAudit(query: AuditQuery): Promise<AuditRecord[]> {
    return this.#parts.auditAndRetention.queryAudit(query);
  }
  purgeFinishedBefore(cutoff: Date): Promise<PurgeResult> {
    return this.#parts.auditAndRetention.purgeFinishedBefore(cutoff);
  }
  deletePatientData(
    patientId: string,
    actor: { actorId: string; actorRole: AuditEvent['actorRole'] },
  ): Promise<PatientDeletionResult> {
    return this.#parts.auditAndRetention.deletePatientData(patientId, actor);
  }

  requeueAtFront(conversationId: string, agentId: string): Promise<ConversationChange> {
    return this.#parts.agentWork.requeueAtFront(conversationId, agentId);
  }
  createStaffSession(session: NewStaffSession): Promise<StaffSessionRecord> {
    return this.#parts.agentWork.createStaffSession(session);
  }
  getStaffSession(id: string): Promise<StaffSessionRecord | null> {
    return this.#parts.agentWork.getStaffSession(id);
  }
  touchStaffSession(id: string): Promise<StaffSessionRecord | null> {
    return this.#parts.agentWork.touchStaffSession(id);
  }
  endStaffSession(id: string): Promise<StaffSessionRecord | null> {
    return this.#parts.agentWork.endStaffSession(id);
  }
  endStaffSessionsOf(staffId: string): Promise<number> {
    return this.#parts.agentWork.endStaffSessionsOf(staffId);
  }

  disableStaff(staffId: string, disabledBy: string): Promise<DisabledStaffRecord> {
    return this.#parts.staffAccess.disableStaff(staffId, disabledBy);
  }
  enableStaff(staffId: string): Promise<boolean> {
    return this.#parts.staffAccess.enableStaff(staffId);
  }
  getDisabledStaff(staffId: string): Promise<DisabledStaffRecord | null> {
    return this.#parts.staffAccess.getDisabledStaff(staffId);
  }
  queuePosition(conversationId: string): Promise<QueuePosition | null> {
    return this.#parts.deskFigures.queuePosition(conversationId);
  }
  countQueuedAhead(queue: string, priority: Priority): Promise<number> {
    return this.#parts.deskFigures.countQueuedAhead(queue, priority);
  }
  deskCounts(since: string): Promise<DeskCounts> {
    return this.#parts.deskFigures.deskCounts(since);
  }
  queuedQueueNames(): Promise<string[]> {
    return this.#parts.deskFigures.queuedQueueNames();
  }

  createContent(item: ContentFields & { id: string; updatedBy: string }): Promise<ContentRecord> {
    return this.#parts.content.createContent(item);
  }
  updateContent(
    id: string,
    edit: ContentFields & { updatedBy: string; expectedVersion?: number },
  ): Promise<ContentRecord | null> {
    return this.#parts.content.updateContent(id, edit);
  }
  setContentRetired(
    id: string,
    retired: boolean,
    updatedBy: string,
  ): Promise<ContentRecord | null> {
    return this.#parts.content.setContentRetired(id, retired, updatedBy);
  }
  getContent(id: string): Promise<ContentRecord | null> {
    return this.#parts.content.getContent(id);
  }
  listContent(filter?: ContentFilter): Promise<ContentRecord[]> {
    return this.#parts.content.listContent(filter);
  }
  saveWrapUp(wrapUp: NewWrapUp): Promise<WrapUpRecord> {
    return this.#parts.chatActions.saveWrapUp(wrapUp);
  }
  getWrapUp(conversationId: string): Promise<WrapUpRecord | null> {
    return this.#parts.chatActions.getWrapUp(conversationId);
  }
  dispositionCounts(filter: DispositionFilter): Promise<DispositionCount[]> {
    return this.#parts.chatActions.dispositionCounts(filter);
  }
  grantConsultation(grant: Omit<ConsultationRecord, 'createdAt'>): Promise<ConsultationRecord> {
    return this.#parts.chatActions.grantConsultation(grant);
  }
  getConsultation(conversationId: string, consultantId: string) {
    return this.#parts.chatActions.getConsultation(conversationId, consultantId);
  }

  enqueueDelivery(input: NewDelivery): Promise<{ delivery: DeliveryRecord; created: boolean }> {
    return this.#parts.deliveries.enqueueDelivery(input);
  }
  getDelivery(id: string): Promise<DeliveryRecord | null> {
    return this.#parts.deliveries.getDelivery(id);
  }
  claimDueDeliveries(claim: ScheduleClaim): Promise<DeliveryRecord[]> {
    return this.#parts.deliveries.claimDueDeliveries(claim);
  }
  settleDelivery(id: string, owner: string, outcome: DeliveryOutcome): Promise<boolean> {
    return this.#parts.deliveries.settleDelivery(id, owner, outcome);
  }
  listDeliveries(filter?: DeliveryFilter): Promise<DeliveryRecord[]> {
    return this.#parts.deliveries.listDeliveries(filter);
  }
  retryDelivery(id: string, at: string): Promise<DeliveryRecord | null> {
    return this.#parts.deliveries.retryDelivery(id, at);
  }

  startBotSession(
    session: NewBotSession,
  ): Promise<{ session: BotSessionRecord; created: boolean }> {
    return this.#parts.botSessions.startBotSession(session);
  }
  getBotSession(id: string): Promise<BotSessionRecord | null> {
    return this.#parts.botSessions.getBotSession(id);
  }
  touchBotSession(id: string, at: string): Promise<BotSessionRecord | null> {
    return this.#parts.botSessions.touchBotSession(id, at);
  }
  endBotSession(id: string, end: BotSessionEnd): Promise<BotSessionRecord | null> {
    return this.#parts.botSessions.endBotSession(id, end);
  }
  listOpenBotSessions(limit: number): Promise<BotSessionRecord[]> {
    return this.#parts.botSessions.listOpenBotSessions(limit);
  }
  countOpenBotSessions(): Promise<number> {
    return this.#parts.botSessions.countOpenBotSessions();
  }
  listBotSessionsEndedSince(since: string, limit: number): Promise<BotSessionRecord[]> {
    return this.#parts.botSessions.listBotSessionsEndedSince(since, limit);
  }
  listConversationsEndedSince(since: string, limit: number): Promise<ConversationRecord[]> {
    return this.#parts.botSessions.listConversationsEndedSince(since, limit);
  }
  cancelBooking(slotId: string, patientId: string): Promise<CancelResult> {
    return this.#parts.appointmentChanges.cancelBooking(slotId, patientId);
  }
  rescheduleBooking(
    fromSlotId: string,
    toSlotId: string,
    patientId: string,
  ): Promise<BookingResult> {
    return this.#parts.appointmentChanges.rescheduleBooking(fromSlotId, toSlotId, patientId);
  }
  getSlot(slotId: string): Promise<AppointmentSlot | null> {
    return this.#parts.appointmentChanges.getSlot(slotId);
  }
  listCancelledBookings(filter: {
    patientId?: string;
    conversationId?: string;
  }): Promise<CancelledBooking[]> {
    return this.#parts.appointmentChanges.listCancelledBookings(filter);
  }

  recordEscalation(record: EscalationRecord): Promise<void> {
    return this.#parts.insights.recordEscalation(record);
  }
  analyticsFacts(range: AnalyticsRange): Promise<AnalyticsFacts> {
    return this.#parts.insights.analyticsFacts(range);
  }
  getSetting(name: string): Promise<SettingRecord | null> {
    return this.#parts.insights.getSetting(name);
  }
  putSetting(name: string, value: unknown, updatedBy: string): Promise<SettingRecord> {
    return this.#parts.insights.putSetting(name, value, updatedBy);
  }
  listSettings(): Promise<SettingRecord[]> {
    return this.#parts.insights.listSettings();
  }
  countFinishedBefore(cutoff: Date): Promise<number> {
    return this.#parts.insights.countFinishedBefore(cutoff);
  }
}

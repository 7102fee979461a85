import type { ApiKeyOps } from './api-keys';
import type { AttachmentOps } from './attachment-records';
import type { BotSessionOps } from './bot-sessions';
import type { ChatActionOps } from './chat-actions';
import type { ConsultThreadOps } from './consult-threads';
import type { ContentOps } from './content-records';
import type { ConversationStore } from './contract';
import type { DeliveryOps } from './deliveries';
import type { DeskFigureOps } from './desk-figures';
import type { InsightOps } from './insight-records';
import type { ReadMarkOps } from './read-marks';
import type { StaffAccessOps } from './staff-access';
import type { StaffAssignmentOps } from './staff-assignments';
import type { AgentWorkOps } from './staff-sessions';

/** Conversations, their messages and their bot transcript. */
export type ConversationOps = Pick<
  ConversationStore,
  | 'createConversation'
  | 'getConversation'
  | 'listConversations'
  | 'updateState'
  | 'appendMessage'
  | 'appendIfAllowed'
  | 'listMessages'
  | 'getTranscript'
  | 'listPatientConversations'
>;

/** Queue entries and transfers (claims are `updateState`'s compare-and-set). */
export type QueueOps = Pick<ConversationStore, 'enqueue' | 'listQueue' | 'transferConversation'>;

/** Agents: profile, presence, derived load. */
export type AgentOps = Pick<
  ConversationStore,
  'upsertAgent' | 'getAgent' | 'listAgents' | 'setAgentPresence'
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
  'cancelBooking' | 'rescheduleBooking' | 'listCancelledBookings' | 'getSlot' | 'removeSlot'
>;

/** One backend's implementation of each concern; `close` stays with the store class. */
export interface StoreParts {
  conversations: ConversationOps;
  queues: QueueOps;
  agents: AgentOps;
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
  attachments: AttachmentOps;
  consultThreads: ConsultThreadOps;
  staffAssignments: StaffAssignmentOps;
  apiKeys: ApiKeyOps;
  readMarks: ReadMarkOps;
}

/** Store methods that no part provides: must be none (the composed store checks it). */
export type UncoveredMethods = Exclude<
  keyof ConversationStore,
  'close' | { [K in keyof StoreParts]: keyof StoreParts[K] }[keyof StoreParts]
>;

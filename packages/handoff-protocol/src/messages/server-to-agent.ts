import * as z from 'zod/mini';
import { AgentInfo } from '../domain/agent';
import { AppointmentSelection } from '../domain/appointment';
import { ChatActionSet, WrapUp } from '../domain/chat-actions';
import { ContentItem } from '../domain/content';
import { AgentMessageFrom, ConversationState } from '../domain/conversation';
import {
  AgentStatus,
  ConversationLogEntry,
  ConversationSummary,
  DeskKpis,
  QueueItem,
} from '../domain/desk';
import { HandoffRequest } from '../domain/escalation';
import { FollowUpCounts, FollowUpItem } from '../domain/followup';
import { PATIENT_HISTORY_LIMIT, PastConversation } from '../domain/patient-history';
import { Id, MESSAGE_LIMITS, MessageText, Priority, Seq, TextFormat } from '../domain/primitives';
import { QueueName } from '../domain/queue';
import { SurveyResponse } from '../domain/survey';
import { AppointmentCancelledToAgent } from './appointment-changes';
import { AttachmentGrant, AttachmentMessage } from './attachments';
import { ClientMessageId, conversationMessage, ErrorMessage, sessionMessage } from './envelope';
import { StaffProfileMessage } from './staff-profile';

// Server → agent console.

export const QueueSnapshot = sessionMessage('queue.snapshot', {
  items: z.array(QueueItem).check(z.maxLength(1000)),
});

export const QueueUpdate = sessionMessage('queue.update', {
  change: z.discriminatedUnion('op', [
    z.object({ op: z.literal('upsert'), item: QueueItem }),
    z.object({
      op: z.literal('remove'),
      conversationId: Id,
      reason: z.enum(['claimed', 'abandoned', 'expired', 'failed', 'returned_to_bot']),
    }),
  ]),
});

/** The conversation is now this agent's: everything needed to start helping. */
export const ConversationAssigned = conversationMessage('conversation.assigned', {
  seq: Seq,
  agent: AgentInfo,
  request: HandoffRequest,
  transferredFrom: z.optional(AgentInfo),
  /** The previous agent's internal note, on a transfer. */
  transferNote: z.optional(z.string().check(z.maxLength(MESSAGE_LIMITS.maxNoteLength))),
});

/** Answer to `conversation.open`: the bot transcript and the live log since `sinceSeq`. */
export const ConversationTranscript = conversationMessage('conversation.transcript', {
  state: ConversationState,
  request: HandoffRequest,
  log: z.array(ConversationLogEntry).check(z.maxLength(5000)),
  lastSeq: Seq,
});

export const ServerChatMessageToAgent = conversationMessage('message', {
  seq: Seq,
  from: AgentMessageFrom,
  agent: z.optional(AgentInfo),
  clientMessageId: z.optional(ClientMessageId),
  text: MessageText,
  textFormat: z.optional(TextFormat),
});

export const TypingToAgent = conversationMessage('typing', {
  from: z.enum(['patient', 'agent']),
  active: z.boolean(),
});

export const ReadToAgent = conversationMessage('read', {
  by: z.enum(['patient', 'agent']),
  upToSeq: Seq,
});

export const NoteToAgent = conversationMessage('note', {
  seq: Seq,
  author: AgentInfo,
  clientMessageId: z.optional(ClientMessageId),
  text: z.string().check(z.minLength(1), z.maxLength(MESSAGE_LIMITS.maxNoteLength)),
});

export const ConversationStateChanged = conversationMessage('conversation.state', {
  seq: z.optional(Seq),
  from: ConversationState,
  to: ConversationState,
  event: z.string().check(z.minLength(1), z.maxLength(64)),
  /** Who holds it after the change (a transfer names the new agent to the previous one). */
  agent: z.optional(AgentInfo),
});

/** The patient picked a slot from an `appointment.offer`. */
export const AppointmentSelected = conversationMessage('appointment.selected', {
  seq: Seq,
  ...AppointmentSelection.shape,
});

/** The patient answered a survey. */
export const SurveyCompleted = conversationMessage('survey.completed', {
  seq: Seq,
  response: SurveyResponse,
});

/**
 * Sent on every connection of an agent: every conversation she holds, so a reload or a
 * second device brings her straight back to them. Each is resumed with `conversation.open`
 * (`sinceSeq` from what the console already has, `0` on a fresh page).
 */
export const AgentAssignments = sessionMessage('agent.assignments', {
  assignments: z
    .array(
      z.object({
        conversationId: Id,
        state: ConversationState,
        /** Highest `seq` of the conversation log when the frame was built. */
        lastSeq: Seq,
        agent: AgentInfo,
        request: HandoffRequest,
        queue: z.optional(QueueName),
      }),
    )
    .check(z.maxLength(100)),
});

export const AgentAck = conversationMessage('ack', { clientMessageId: ClientMessageId, seq: Seq });

/** Supervisors: every live conversation (bot ones too), the agents and the KPIs. */
export const SupervisorSnapshot = sessionMessage('supervisor.snapshot', {
  conversations: z.array(ConversationSummary).check(z.maxLength(10_000)),
  agents: z.array(AgentStatus).check(z.maxLength(1000)),
  kpis: DeskKpis,
});

/** Supervisors: a patch on the last snapshot. */
export const SupervisorUpdate = sessionMessage('supervisor.update', {
  upserted: z.optional(z.array(ConversationSummary).check(z.maxLength(1000))),
  removed: z.optional(z.array(Id).check(z.maxLength(1000))),
  agents: z.optional(z.array(AgentStatus).check(z.maxLength(1000))),
  kpis: z.optional(DeskKpis),
});

/** The follow-up items not closed yet in the queues one may work (all of them: supervisors). */
export const FollowUpSnapshot = sessionMessage('followup.snapshot', {
  items: z.array(FollowUpItem).check(z.maxLength(500)),
  counts: FollowUpCounts,
});

/** One item created, claimed or closed; `counts` are the recipient-independent totals. */
export const FollowUpUpdate = sessionMessage('followup.update', {
  item: FollowUpItem,
  counts: z.optional(FollowUpCounts),
});

/** Log record `seq` carries no live frame for staff (an event): the hole below it is closed. */
export const LogHiddenToAgent = conversationMessage('log.hidden', { seq: Seq });

/** Live frames may have been lost: `conversation.open` each open conversation again. */
export const ResyncToAgent = sessionMessage('resync', {});

/** Answer to `content.list`: the items, and the queue they were chosen for. */
export const ContentItems = sessionMessage('content.items', {
  inReplyTo: Id,
  queue: z.nullable(QueueName),
  items: z.array(ContentItem).check(z.maxLength(500)),
});

/** An item was created, edited, retired or restored: consoles refresh what they show. */
export const ContentChanged = sessionMessage('content.changed', { item: ContentItem });

/** Answer to `actions.list`: what the agent may do in this conversation now. */
export const ActionsAvailable = conversationMessage('actions.available', {
  actions: ChatActionSet,
});

/** The wrap-up was stored. */
export const WrapUpSaved = conversationMessage('wrap_up.saved', { wrapUp: WrapUp });

/**
 * To the consulted agent: a colleague asks her to look at a conversation. Ids and display
 * data only; she reads it with `consult.open` (audited).
 */
export const ConsultInvited = conversationMessage('consult.invited', {
  from: AgentInfo,
  queue: z.optional(QueueName),
  priority: Priority,
  text: z.string().check(z.minLength(1), z.maxLength(MESSAGE_LIMITS.maxNoteLength)),
});

/** A message of the staff-only consultation thread, to the holder and the consulted agent. */
export const ConsultMessageToAgent = conversationMessage('consult.message', {
  consultantId: Id,
  author: AgentInfo,
  clientMessageId: z.optional(ClientMessageId),
  text: z.string().check(z.minLength(1), z.maxLength(MESSAGE_LIMITS.maxNoteLength)),
});

/** The patient's earlier conversations (newest first, at most `PATIENT_HISTORY_LIMIT`). */
export const PatientHistory = conversationMessage('patient.history', {
  conversations: z.array(PastConversation).check(z.maxLength(PATIENT_HISTORY_LIMIT)),
});

/** One earlier conversation, read-only: its request (bot transcript) and its log. */
export const PatientHistoryTranscript = conversationMessage('patient.history.transcript', {
  pastConversationId: Id,
  state: ConversationState,
  request: HandoffRequest,
  log: z.array(ConversationLogEntry).check(z.maxLength(5000)),
});

/** A supervisor's whisper to the agent (staff only; the patient never receives it). */
export const WhisperToAgent = conversationMessage('whisper', {
  seq: Seq,
  author: AgentInfo,
  clientMessageId: z.optional(ClientMessageId),
  text: z.string().check(z.minLength(1), z.maxLength(MESSAGE_LIMITS.maxNoteLength)),
});

/** A supervisor joined the conversation beside its agent (barge-in). */
export const SupervisorJoinedToAgent = conversationMessage('supervisor.joined', {
  seq: Seq,
  supervisor: AgentInfo,
});

export const ServerToAgent = z.discriminatedUnion('type', [
  QueueSnapshot,
  QueueUpdate,
  ConversationAssigned,
  ConversationTranscript,
  ServerChatMessageToAgent,
  TypingToAgent,
  ReadToAgent,
  NoteToAgent,
  ConversationStateChanged,
  AppointmentSelected,
  SurveyCompleted,
  AgentAck,
  AgentAssignments,
  SupervisorSnapshot,
  SupervisorUpdate,
  FollowUpSnapshot,
  FollowUpUpdate,
  LogHiddenToAgent,
  ResyncToAgent,
  ErrorMessage,
  ContentItems,
  ContentChanged,
  ActionsAvailable,
  WrapUpSaved,
  ConsultInvited,
  ConsultMessageToAgent,
  PatientHistory,
  PatientHistoryTranscript,
  WhisperToAgent,
  SupervisorJoinedToAgent,
  AppointmentCancelledToAgent,
  AttachmentGrant,
  AttachmentMessage,
  StaffProfileMessage,
]);
export type ServerToAgent = z.infer<typeof ServerToAgent>;
export type ServerToAgentType = ServerToAgent['type'];

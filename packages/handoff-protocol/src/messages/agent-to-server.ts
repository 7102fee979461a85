import * as z from 'zod/mini';
import { AgentPresence } from '../domain/agent';
import { AppointmentConfirmation, AppointmentOffer } from '../domain/appointment';
import { CallOffer } from '../domain/call';
import { WrapUp } from '../domain/chat-actions';
import { ContentDraft } from '../domain/content';
import { EndReason } from '../domain/conversation';
import { OutcomeNote } from '../domain/followup';
import { Id, MESSAGE_LIMITS, MessageText, Seq, TextFormat } from '../domain/primitives';
import { QueueName } from '../domain/queue';
import { Survey } from '../domain/survey';
import { AttachmentShare, AttachmentUploadRequest } from './attachments';
import { ClientMessageId, conversationMessage, sessionMessage } from './envelope';

// Agent (console) → server. Session frames (queues, presence, dashboard) have no
// conversationId; everything else names the conversation it acts on.

/** Start receiving `queue.snapshot` and `queue.update`; no `queues` = every queue allowed. */
export const QueueSubscribe = sessionMessage('queue.subscribe', {
  queues: z.optional(z.array(QueueName).check(z.maxLength(50))),
});

/** Supervisors: start receiving `supervisor.snapshot` and `supervisor.update`. */
export const SupervisorSubscribe = sessionMessage('supervisor.subscribe', {});

export const PresenceChange = sessionMessage('presence', { presence: AgentPresence });

/** Accept a queued conversation. Exactly one agent wins; the others get `conflict`. */
export const ConversationClaim = conversationMessage('conversation.claim', {});

/** Read a conversation (transcript and live log since `sinceSeq`). */
export const ConversationOpen = conversationMessage('conversation.open', {
  sinceSeq: z.optional(Seq),
});

export const TransferTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('agent'), agentId: Id }),
  z.object({ kind: z.literal('queue'), queue: QueueName }),
]);
export type TransferTarget = z.infer<typeof TransferTarget>;

export const ConversationTransfer = conversationMessage('conversation.transfer', {
  target: TransferTarget,
  /** Internal note for the next agent; never shown to the patient. */
  note: z.optional(z.string().check(z.maxLength(MESSAGE_LIMITS.maxNoteLength))),
});

export const AgentChatMessage = conversationMessage('message', {
  clientMessageId: ClientMessageId,
  text: MessageText,
  textFormat: z.optional(TextFormat),
});

/** Internal note: stored and shown to agents and supervisors, never sent to the patient. */
export const AgentNote = conversationMessage('note', {
  clientMessageId: ClientMessageId,
  text: z.string().check(z.minLength(1), z.maxLength(MESSAGE_LIMITS.maxNoteLength)),
});

export const AgentTyping = conversationMessage('typing', { active: z.boolean() });

export const AgentRead = conversationMessage('read', { upToSeq: Seq });

export const ConversationEnd = conversationMessage('conversation.end', { reason: EndReason });

export const ConversationReturnToBot = conversationMessage('conversation.return_to_bot', {});

export const SurveyOffer = conversationMessage('survey.offer', {
  clientMessageId: ClientMessageId,
  survey: Survey,
});

export const AppointmentOfferFromAgent = conversationMessage('appointment.offer', {
  clientMessageId: ClientMessageId,
  offer: AppointmentOffer,
});

/** Book the slot the patient picked; the patient receives `appointment.confirmed`. */
export const AppointmentConfirm = conversationMessage('appointment.confirm', {
  clientMessageId: ClientMessageId,
  appointment: AppointmentConfirmation,
});

export const CallOfferFromAgent = conversationMessage('call.offer', {
  clientMessageId: ClientMessageId,
  call: CallOffer,
});

/** Start receiving `followup.snapshot` and `followup.update` for the queues one may work. */
export const FollowUpSubscribe = sessionMessage('followup.subscribe', {});

/** Take a follow-up item. Exactly one agent wins; the others get `conflict`. */
export const FollowUpClaim = sessionMessage('followup.claim', { itemId: Id });

/** Read the conversation behind a follow-up item: answered with `conversation.transcript`. */
export const FollowUpOpen = sessionMessage('followup.open', { itemId: Id });

/** Close a follow-up item one holds, saying what was done. */
export const FollowUpClose = sessionMessage('followup.close', { itemId: Id, note: OutcomeNote });

/**
 * Content (canned responses, scripts, articles, macros) for a conversation's queue, or for
 * `queue`; without either: every item one may see. Retired ones only for admins who ask.
 * Answered with `content.items`.
 */
export const ContentList = sessionMessage('content.list', {
  conversationId: z.optional(Id),
  queue: z.optional(QueueName),
  includeRetired: z.optional(z.boolean()),
});

/** Admins: create or edit an item (answered with `content.changed`, sent to all staff). */
export const ContentSave = sessionMessage('content.save', { draft: ContentDraft });

/** Admins: retire an item (hidden from agents, kept for the record) or bring it back. */
export const ContentRetire = sessionMessage('content.retire', {
  itemId: Id,
  retired: z.boolean(),
});

/** What this agent may do in the conversation: answered with `actions.available`. */
export const ActionsList = conversationMessage('actions.list', {});

/** Saves the wrap-up (disposition and summary) of a conversation one holds or just held. */
export const ConversationWrapUp = conversationMessage('conversation.wrap_up', {
  wrapUp: WrapUp,
});

/**
 * Asks another agent to look at the conversation (read-only for her) and talk about it in a
 * staff-only thread; she is notified with `consult.invited`.
 */
export const ConsultRequest = conversationMessage('consult.request', {
  agentId: Id,
  text: z.string().check(z.minLength(1), z.maxLength(MESSAGE_LIMITS.maxNoteLength)),
});

/** The consulted agent reads the conversation: answered with `conversation.transcript`. */
export const ConsultOpen = conversationMessage('consult.open', {});

/** A message in the staff-only consultation thread (holder or consulted agent). */
export const ConsultMessage = conversationMessage('consult.message', {
  /** The thread: the consulted agent's id (a conversation may have several). */
  consultantId: Id,
  clientMessageId: ClientMessageId,
  text: z.string().check(z.minLength(1), z.maxLength(MESSAGE_LIMITS.maxNoteLength)),
});

/** The earlier conversations of this conversation's patient: answered with `patient.history`. */
export const PatientHistoryRequest = conversationMessage('patient.history', {});

/**
 * Read one earlier conversation of this conversation's patient, read-only (audited as
 * `history.view`): answered with `patient.history.transcript`.
 */
export const PatientHistoryOpen = conversationMessage('patient.history.open', {
  pastConversationId: Id,
});

/**
 * Supervisors: a message to the agent holding the conversation, stored in its log and shown
 * to staff only (like a note); the patient never receives it.
 */
export const ConversationWhisper = conversationMessage('conversation.whisper', {
  clientMessageId: ClientMessageId,
  text: z.string().check(z.minLength(1), z.maxLength(MESSAGE_LIMITS.maxNoteLength)),
});

/** Supervisors: join the conversation beside its agent; the patient is told a supervisor joined. */
export const ConversationBarge = conversationMessage('conversation.barge', {
  clientMessageId: ClientMessageId,
});

/**
 * Stop watching a conversation opened with `conversation.open` (a supervisor closes a
 * drill-in): the server stops sending its traffic unless this person holds it.
 */
export const ConversationClose = conversationMessage('conversation.close', {});

export const AgentToServer = z.discriminatedUnion('type', [
  QueueSubscribe,
  SupervisorSubscribe,
  PresenceChange,
  ConversationClaim,
  ConversationOpen,
  ConversationTransfer,
  AgentChatMessage,
  AgentNote,
  AgentTyping,
  AgentRead,
  ConversationEnd,
  ConversationReturnToBot,
  SurveyOffer,
  AppointmentOfferFromAgent,
  AppointmentConfirm,
  CallOfferFromAgent,
  FollowUpSubscribe,
  FollowUpClaim,
  FollowUpOpen,
  FollowUpClose,
  ContentList,
  ContentSave,
  ContentRetire,
  ActionsList,
  ConversationWrapUp,
  ConsultRequest,
  ConsultOpen,
  ConsultMessage,
  PatientHistoryRequest,
  PatientHistoryOpen,
  ConversationWhisper,
  ConversationBarge,
  ConversationClose,
  AttachmentUploadRequest,
  AttachmentShare,
]);
export type AgentToServer = z.infer<typeof AgentToServer>;
export type AgentToServerType = AgentToServer['type'];

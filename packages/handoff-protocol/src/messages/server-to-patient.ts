import * as z from 'zod/mini';
import { AgentInfo } from '../domain/agent';
import { AppointmentConfirmation, AppointmentOffer } from '../domain/appointment';
import { CallOffer } from '../domain/call';
import { ConversationState, EndedBy, EndReason, MessageFrom } from '../domain/conversation';
import { FallbackOption, HandoffFailureReason } from '../domain/fallback';
import { MessageText, Seq, TextFormat } from '../domain/primitives';
import { QueueStatus } from '../domain/queue';
import { Survey } from '../domain/survey';
import { AppointmentCancelledToPatient } from './appointment-changes';
import { AttachmentGrant, AttachmentMessage, AttachmentPolicyMessage } from './attachments';
import { ClientMessageId, conversationMessage, ErrorMessage, sessionMessage } from './envelope';

// Server → patient. Frames from the conversation log carry `seq`; ephemeral frames
// (ack, queue position, typing, read, resumed, error) do not.

/** The command `clientMessageId` is committed as `seq`. Sent again for a retried id. */
export const PatientAck = conversationMessage('ack', {
  clientMessageId: ClientMessageId,
  seq: Seq,
});

export const HandoffQueued = conversationMessage('handoff.queued', { queue: QueueStatus });

export const AgentJoined = conversationMessage('agent.joined', { seq: Seq, agent: AgentInfo });

/**
 * The agent lost her connection and did not come back within the grace period: the
 * conversation is back in its queue, first among its priority (`handoff.queued` follows).
 */
export const AgentLeft = conversationMessage('agent.left', {
  seq: Seq,
  agent: AgentInfo,
  reason: z.enum(['disconnected']),
  requeued: z.boolean(),
});

/** A chat message. The patient's own messages come back too (other tabs, resume). */
export const ServerChatMessageToPatient = conversationMessage('message', {
  seq: Seq,
  from: MessageFrom,
  agent: z.optional(AgentInfo),
  clientMessageId: z.optional(ClientMessageId),
  text: MessageText,
  textFormat: z.optional(TextFormat),
});

export const AgentTypingToPatient = conversationMessage('typing', {
  from: z.literal('agent'),
  active: z.boolean(),
});

export const AgentReadToPatient = conversationMessage('read', {
  by: z.literal('agent'),
  upToSeq: Seq,
});

export const HandoffEnded = conversationMessage('handoff.ended', {
  seq: Seq,
  endedBy: EndedBy,
  reason: EndReason,
});

export const HandoffFailed = conversationMessage('handoff.failed', {
  seq: Seq,
  reason: HandoffFailureReason,
  fallbacks: z.array(FallbackOption).check(z.maxLength(3)),
  /** The organisation's own words, e.g. its out-of-hours message with its opening hours. */
  notice: z.optional(z.string().check(z.minLength(1), z.maxLength(1000))),
});

export const SurveyRequest = conversationMessage('survey.request', { seq: Seq, survey: Survey });

export const AppointmentOfferToPatient = conversationMessage('appointment.offer', {
  seq: Seq,
  offer: AppointmentOffer,
});

export const AppointmentConfirmed = conversationMessage('appointment.confirmed', {
  seq: Seq,
  appointment: AppointmentConfirmation,
});

export const CallOfferToPatient = conversationMessage('call.offer', { seq: Seq, call: CallOffer });

export const ReturnedToBot = conversationMessage('returned_to_bot', { seq: Seq });

/** Sent after a `resume` replay: where the conversation stands now. */
export const Resumed = conversationMessage('resumed', {
  lastSeq: Seq,
  state: ConversationState,
  agent: z.optional(AgentInfo),
  queue: z.optional(QueueStatus),
});

/** Log record `seq` exists but is not for the patient (a note): the hole below it is closed. */
export const LogHiddenToPatient = conversationMessage('log.hidden', { seq: Seq });

/** Live frames may have been lost (the server's cluster link came back): `resume` now. */
export const ResyncToPatient = sessionMessage('resync', {});

/** A supervisor joined the conversation beside the agent: the patient sees who. */
export const SupervisorJoined = conversationMessage('supervisor.joined', {
  seq: Seq,
  supervisor: AgentInfo,
});

export const ServerToPatient = z.discriminatedUnion('type', [
  PatientAck,
  HandoffQueued,
  AgentJoined,
  AgentLeft,
  ServerChatMessageToPatient,
  AgentTypingToPatient,
  AgentReadToPatient,
  HandoffEnded,
  HandoffFailed,
  SurveyRequest,
  AppointmentOfferToPatient,
  AppointmentConfirmed,
  CallOfferToPatient,
  ReturnedToBot,
  Resumed,
  LogHiddenToPatient,
  ResyncToPatient,
  ErrorMessage,
  SupervisorJoined,
  AppointmentCancelledToPatient,
  AttachmentGrant,
  AttachmentMessage,
  AttachmentPolicyMessage,
]);
export type ServerToPatient = z.infer<typeof ServerToPatient>;
export type ServerToPatientType = ServerToPatient['type'];

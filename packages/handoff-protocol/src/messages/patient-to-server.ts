import * as z from 'zod/mini';
import { AppointmentSelection } from '../domain/appointment';
import { BotEscalationReason, BotOutcome, EntryPath, PatientTimeZone } from '../domain/bot-session';
import { HandoffRequest } from '../domain/escalation';
import { FallbackChoice } from '../domain/fallback';
import { Id, Locale, MessageText, Seq, TextFormat } from '../domain/primitives';
import { SurveyResponse } from '../domain/survey';
import { TranscriptEntry } from '../domain/transcript';
import { PatientAppointmentCancel, PatientAppointmentReschedule } from './appointment-changes';
import { AttachmentShare, AttachmentUploadRequest } from './attachments';
import { ClientMessageId, conversationMessage } from './envelope';

// Patient (widget) → server. Every frame is conversation-scoped: the widget picks the
// conversation id when it sends `handoff.request` and keeps it for the conversation.

export const PatientHandoffRequest = conversationMessage('handoff.request', {
  clientMessageId: ClientMessageId,
  request: HandoffRequest,
});

export const PatientChatMessage = conversationMessage('message', {
  clientMessageId: ClientMessageId,
  text: MessageText,
  textFormat: z.optional(TextFormat),
});

export const PatientTyping = conversationMessage('typing', { active: z.boolean() });

/** Everything up to and including `upToSeq` has been shown to the patient. */
export const PatientRead = conversationMessage('read', { upToSeq: Seq });

/** The patient closed the chat or left the page. */
export const PatientLeave = conversationMessage('leave', {});

/** After a reconnect: replay every logged frame with `seq > sinceSeq`, then `resumed`. */
export const PatientResume = conversationMessage('resume', { sinceSeq: Seq });

export const PatientSurveyResponse = conversationMessage('survey.response', {
  clientMessageId: ClientMessageId,
  response: SurveyResponse,
});

export const PatientAppointmentSelect = conversationMessage('appointment.select', {
  clientMessageId: ClientMessageId,
  ...AppointmentSelection.shape,
});

export const PatientFallbackSelect = conversationMessage('fallback.select', {
  clientMessageId: ClientMessageId,
  choice: FallbackChoice,
});

/**
 * A bot message the patient was shown after the handoff was requested (e.g. emergency advice
 * given while waiting), appended to the conversation log in order (`seq`) so the agent sees
 * it. `entry.from` must be `bot`; the client message id de-duplicates (the widget uses the
 * Direct Line activity id). Not echoed to the patient, who saw it in the bot's thread.
 */
export const PatientTranscriptAppend = conversationMessage('transcript.append', {
  clientMessageId: ClientMessageId,
  entry: TranscriptEntry,
});

/**
 * The patient started chatting with the bot: registers the bot conversation (its id is the
 * widget's, distinct from any handoff's). No message content. Repeated: nothing changes.
 */
export const BotSessionStarted = conversationMessage('bot.started', {
  locale: Locale,
  entryPath: z.optional(EntryPath),
  timeZone: z.optional(PatientTimeZone),
});

/** The patient is still talking to the bot (sent at most once a minute): not abandoned. */
export const BotSessionActivity = conversationMessage('bot.activity', {});

/** How the bot conversation ended; `escalated` names the reason and the handoff's id. */
export const BotSessionEnded = conversationMessage('bot.ended', {
  outcome: BotOutcome,
  escalation: z.optional(BotEscalationReason),
  handoffConversationId: z.optional(Id),
});

export const PatientToServer = z.discriminatedUnion('type', [
  PatientHandoffRequest,
  PatientChatMessage,
  PatientTyping,
  PatientRead,
  PatientLeave,
  PatientResume,
  PatientSurveyResponse,
  PatientAppointmentSelect,
  PatientFallbackSelect,
  PatientTranscriptAppend,
  BotSessionStarted,
  BotSessionActivity,
  BotSessionEnded,
  PatientAppointmentCancel,
  PatientAppointmentReschedule,
  AttachmentUploadRequest,
  AttachmentShare,
]);
export type PatientToServer = z.infer<typeof PatientToServer>;
export type PatientToServerType = PatientToServer['type'];

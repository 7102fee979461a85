import * as z from 'zod/mini';
import { AppointmentSelection } from '../domain/appointment';
import { HandoffRequest } from '../domain/escalation';
import { FallbackChoice } from '../domain/fallback';
import { MessageText, Seq, TextFormat } from '../domain/primitives';
import { SurveyResponse } from '../domain/survey';
import { PatientAppointmentCancel, PatientAppointmentReschedule } from './appointment-changes';
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
  PatientAppointmentCancel,
  PatientAppointmentReschedule,
]);
export type PatientToServer = z.infer<typeof PatientToServer>;
export type PatientToServerType = PatientToServer['type'];

import {
  type ServerToAgent,
  type ServerToPatient,
  serverToAgentMessage,
  serverToPatientMessage,
} from '@baton/handoff-protocol';
import type { FollowUpLogEvent } from './log-event';

/** A log record's place and time; the protocol's builders add `v`, `type` and a fresh `id`. */
export interface RecordEnvelope {
  ts: string;
  conversationId: string;
  seq: number;
}

/** What the patient receives for a follow-up log entry (live and on `resume`). */
export function followUpPatientFrame(
  base: RecordEnvelope,
  event: FollowUpLogEvent,
): ServerToPatient | null {
  switch (event.type) {
    case 'survey.request':
      return serverToPatientMessage('survey.request', { ...base, survey: event.survey });
    case 'appointment.offer':
      return serverToPatientMessage('appointment.offer', { ...base, offer: event.offer });
    case 'appointment.confirmed':
      return serverToPatientMessage('appointment.confirmed', {
        ...base,
        appointment: event.appointment,
      });
    case 'call.offer':
      return serverToPatientMessage('call.offer', { ...base, call: event.call });
    case 'appointment.cancelled':
      return serverToPatientMessage('appointment.cancelled', {
        ...base,
        appointment: event.appointment,
      });
    case 'survey.completed':
    case 'appointment.selected':
    case 'fallback.selected':
      return null;
    default: {
      const never: never = event;
      return never;
    }
  }
}

/** What agents watching the conversation receive for a follow-up log entry. */
export function followUpAgentFrame(
  base: RecordEnvelope,
  event: FollowUpLogEvent,
): ServerToAgent | null {
  switch (event.type) {
    case 'survey.completed':
      return serverToAgentMessage('survey.completed', { ...base, response: event.response });
    case 'appointment.selected':
      return serverToAgentMessage('appointment.selected', {
        ...base,
        offerId: event.offerId,
        slotId: event.slotId,
      });
    case 'appointment.cancelled':
      return serverToAgentMessage('appointment.cancelled', {
        ...base,
        appointment: event.appointment,
      });
    case 'survey.request':
    case 'appointment.offer':
    case 'appointment.confirmed':
    case 'call.offer':
    case 'fallback.selected':
      return null;
    default: {
      const never: never = event;
      return never;
    }
  }
}

/**
 * Readable text of a follow-up in `conversation.transcript` (staff only): what the patient
 * left when no human could take the conversation. Other follow-ups show as bare events.
 */
export function followUpLogText(event: FollowUpLogEvent): string | undefined {
  if (event.type !== 'fallback.selected') return undefined;
  const { choice } = event;
  switch (choice.option) {
    case 'leave-message':
      return choice.text.slice(0, 4000);
    case 'callback':
      return `Callback requested: ${choice.phone}${choice.preferredTime ? ` (${choice.preferredTime})` : ''}`;
    case 'appointment':
      return 'Appointment requested';
    default: {
      const never: never = choice;
      return never;
    }
  }
}

/** When the appointment of a confirmation or cancellation starts (for the agents' log). */
export function followUpLogAppointmentStart(event: FollowUpLogEvent): string | undefined {
  return event.type === 'appointment.confirmed' || event.type === 'appointment.cancelled'
    ? event.appointment.start
    : undefined;
}

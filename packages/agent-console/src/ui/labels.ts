import {
  type AgentPresence,
  type ConversationState,
  type EscalationKind,
  HANDOFF_INITIATE_NOTICE,
  type Party,
  type Priority,
  type PriorityDecision,
  type TranscriptEntry,
} from '@baton/handoff-protocol';
import type { Translate } from '../i18n';

export function priorityLabel(t: Translate, priority: Priority): string {
  switch (priority) {
    case 'routine':
      return t('priority_routine');
    case 'urgent':
      return t('priority_urgent');
    case 'emergency':
      return t('priority_emergency');
    default: {
      const never: never = priority;
      return String(never);
    }
  }
}

export function reasonLabel(t: Translate, kind: EscalationKind): string {
  switch (kind) {
    case 'bot-initiated':
      return t('reason_bot_initiated');
    case 'patient-requested':
      return t('reason_patient_requested');
    case 'bot-failure':
      return t('reason_bot_failure');
    case 'urgent':
      return t('reason_urgent');
    case 'host':
      return t('reason_host');
    default: {
      const never: never = kind;
      return String(never);
    }
  }
}

export function stateLabel(t: Translate, state: ConversationState): string {
  switch (state) {
    case 'bot':
      return t('state_bot');
    case 'handoff_requested':
      return t('state_handoff_requested');
    case 'queued':
      return t('state_queued');
    case 'assigned':
      return t('state_assigned');
    case 'ended':
      return t('state_ended');
    case 'returned_to_bot':
      return t('state_returned_to_bot');
    case 'abandoned':
      return t('state_abandoned');
    case 'expired':
      return t('state_expired');
    case 'failed':
      return t('state_failed');
    default: {
      const never: never = state;
      return String(never);
    }
  }
}

export function presenceLabel(t: Translate, presence: AgentPresence): string {
  switch (presence) {
    case 'available':
      return t('presence_available');
    case 'busy':
      return t('presence_busy');
    case 'away':
      return t('presence_away');
    case 'offline':
      return t('presence_offline');
    default: {
      const never: never = presence;
      return String(never);
    }
  }
}

export function partyLabel(t: Translate, party: Party): string {
  switch (party) {
    case 'patient':
      return t('from_patient');
    case 'agent':
      return t('from_agent');
    case 'bot':
      return t('from_bot');
    case 'system':
      return t('from_system');
    default: {
      const never: never = party;
      return String(never);
    }
  }
}

export function eventLabel(t: Translate, event: string | undefined): string {
  switch (event) {
    case 'handoff.request':
      return t('event_handoff_request');
    case 'handoff.queued':
    case 'queued':
      return t('event_queued');
    case 'agent.joined':
      return t('event_agent_joined');
    case 'agent.left':
      return t('event_agent_left');
    case 'survey.completed':
    case 'survey.request':
      return t('surveyOffered');
    case 'handoff.failed':
      return t('event_handoff_failed');
    case 'fallback.selected':
      return t('event_fallback_selected');
    case 'appointment.offer':
      return t('event_appointment_offer');
    case 'appointment.selected':
    case 'appointment.select':
      return t('event_appointment_selected');
    case 'appointment.confirmed':
      return t('event_appointment_confirmed');
    case 'call.offer':
      return t('callOffered');
    case 'supervisor.joined':
      return t('event_supervisor_joined');
    case 'appointment.cancelled':
      return t('event_appointment_cancelled');
    default:
      return t('event_other', { event: event ?? '?' });
  }
}

export function errorReason(t: Translate, code: string): string {
  switch (code) {
    case 'conflict':
      return t('error_conflict');
    case 'unavailable':
      return t('error_unavailable');
    case 'forbidden':
      return t('error_forbidden');
    case 'illegal_transition':
      return t('error_illegal_transition');
    case 'rate_limited':
      return t('error_rate_limited');
    case 'attachment_too_large':
      return t('error_attachment_too_large');
    case 'attachment_type_not_allowed':
      return t('error_attachment_type_not_allowed');
    default:
      return t('error_other', { code });
  }
}

/** Why the server gave a handoff its priority (`triage.basis`). */
export function triageLabel(t: Translate, basis: PriorityDecision['basis']): string {
  switch (basis) {
    case 'red-flag':
      return t('triage_red_flag');
    case 'no-red-flag':
      return t('triage_no_red_flag');
    case 'as-requested':
      return t('triage_as_requested');
    default: {
      const never: never = basis;
      return String(never);
    }
  }
}

/** The verified contact attributes (signed by the portal) in the console's language. */
export function contactLabel(t: Translate, key: string): string | undefined {
  switch (key) {
    case 'email':
      return t('contactEmail');
    case 'phone':
      return t('contactPhone');
    case 'timeZone':
      return t('contactTimeZone');
    default:
      return undefined;
  }
}

/**
 * A bot transcript entry's text in the console's language where Baton wrote it (the system
 * notice of a `handoff.initiate` event, stored in English); the bot's and the patient's own
 * words as they were.
 */
export function transcriptText(t: Translate, entry: Pick<TranscriptEntry, 'from' | 'text'>) {
  return entry.from === 'system' && entry.text === HANDOFF_INITIATE_NOTICE
    ? t('botAskedHandoff')
    : entry.text;
}

import type { FollowUpItem, FollowUpKind, HandoffFailureReason } from '@baton/handoff-protocol';
import type { Translate } from '../i18n';

export function followUpKindLabel(t: Translate, kind: FollowUpKind): string {
  switch (kind) {
    case 'message':
      return t('followupKindMessage');
    case 'callback':
      return t('followupKindCallback');
    case 'appointment':
      return t('followupKindAppointment');
    case 'expired':
      return t('followupKindExpired');
    case 'failed':
      return t('followupKindFailed');
    default: {
      const never: never = kind;
      return String(never);
    }
  }
}

export function failureReasonLabel(t: Translate, reason: HandoffFailureReason): string {
  switch (reason) {
    case 'no-agents':
      return t('followupReasonNoAgents');
    case 'out-of-hours':
      return t('followupReasonOutOfHours');
    case 'queue-full':
      return t('followupReasonQueueFull');
    case 'adapter-failed':
      return t('followupReasonAdapterFailed');
    case 'expired':
      return t('followupReasonExpired');
    default: {
      const never: never = reason;
      return String(never);
    }
  }
}

/** The patient's name, or a neutral word when the token named nobody. */
export function followUpPatient(t: Translate, item: FollowUpItem): string {
  return item.patientDisplayName ?? t('patient');
}

/** What the patient asked, as short lines (the message text stays as typed). */
export function followUpAsked(t: Translate, item: FollowUpItem): string[] {
  const lines: string[] = [];
  const { request } = item;
  if (request.text) lines.push(request.text);
  if (request.phone) lines.push(t('followupPhone', { phone: request.phone }));
  if (request.preferredTime)
    lines.push(t('followupPreferredTime', { time: request.preferredTime }));
  if (item.kind === 'appointment') lines.push(t('followupAppointmentAsked'));
  if (request.reason) lines.push(failureReasonLabel(t, request.reason));
  return lines;
}

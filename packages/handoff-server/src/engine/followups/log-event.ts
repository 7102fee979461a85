import type {
  AppointmentCancellation,
  AppointmentConfirmation,
  AppointmentOffer,
  CallOffer,
  FallbackChoice,
  Survey,
  SurveyResponse,
} from '@baton/handoff-protocol';

/**
 * Follow-up entries of the conversation log (the `followup` body kind): they get a `seq`
 * like chat messages, are encrypted at rest with the rest of the log, and `resume` replays
 * the ones the patient is entitled to.
 */
export type FollowUpLogEvent =
  | { type: 'survey.request'; survey: Survey }
  | { type: 'survey.completed'; response: SurveyResponse }
  | { type: 'appointment.offer'; offer: AppointmentOffer; reschedules?: string }
  | { type: 'appointment.selected'; offerId: string; slotId: string }
  | { type: 'appointment.confirmed'; appointment: AppointmentConfirmation }
  | { type: 'call.offer'; call: CallOffer }
  | { type: 'fallback.selected'; choice: FallbackChoice }
  | { type: 'appointment.cancelled'; appointment: AppointmentCancellation };

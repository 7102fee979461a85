import type { AppointmentOffer, CallOffer, Survey } from '@baton/handoff-protocol';
import type { Translate } from '../i18n';

/**
 * A host's own sources for what the console offers a patient. The survey has a default (a
 * one-question satisfaction rating). Appointment slots and call links come from the server
 * (`actions.available`); these host sources are used only where the server offers none.
 */
export interface ConsoleOffers {
  survey?: (t: Translate) => Survey;
  appointment?: (conversationId: string) => AppointmentOffer | Promise<AppointmentOffer>;
  call?: (conversationId: string) => CallOffer | Promise<CallOffer>;
}

export function defaultSurvey(t: Translate): Survey {
  return {
    id: 'csat-1',
    title: t('surveyTitle'),
    questions: [{ id: 'overall', kind: 'rating', prompt: t('surveyOverall'), required: true }],
  };
}

import type { AppointmentOffer, CallOffer, Survey } from '@baton/handoff-protocol';
import type { Translate } from '../i18n';

/**
 * Where the console gets what it offers a patient. The survey has a default (a one-question
 * satisfaction rating); appointment slots and call links come from the host's systems, so
 * those buttons show only when the host provides them.
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

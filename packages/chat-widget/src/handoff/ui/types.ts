import type { FallbackChoice, SurveyResponse } from '@baton/handoff-protocol';
import type { HandoffState } from '../state';
import type { HandoffStrings } from './strings';

/** What the handoff UI may ask of the session (a `HandoffSession`, or a stand-in in tests). */
export interface HandoffActions {
  retry(key: string): void;
  answerSurvey(response: SurveyResponse): void;
  selectSlot(slotId: string): void;
  changeAppointment(type: 'appointment.cancel' | 'appointment.reschedule'): void;
  chooseFallback(choice: FallbackChoice): void;
  leave(): void;
}

export interface HandoffViewProps {
  state: HandoffState;
  actions: HandoffActions;
  strings: HandoffStrings;
  locale: string;
  /** Leave the handoff view and go back to the bot conversation. */
  onBack(): void;
}

import type { EscalationReason, Priority } from '@baton/handoff-protocol';
import type { Activity } from '../directline/activity';

/** A detector's verdict: hand the conversation to a person. */
export interface EscalationSignal {
  reason: EscalationReason;
  priority: Priority;
  /** Ask the patient before handing off (the patient may have meant something else). */
  confirm?: boolean;
  /** Show emergency guidance at once, with this number. */
  emergencyNumber?: string;
}

export interface DetectorInput {
  /** `incoming`: from the bot; `outgoing`: from the patient. */
  direction: 'incoming' | 'outgoing';
  activity: Activity;
  locale: string;
}

/** One pluggable detector. Detectors may keep state (counters); `reset` clears it. */
export interface EscalationDetector {
  readonly name: string;
  inspect(input: DetectorInput): EscalationSignal | null;
  reset?(): void;
}

/** Phrase lists keyed by base language (`en`, `fr`, `es`…). */
export type PhraseLists = Readonly<Record<string, readonly string[]>>;

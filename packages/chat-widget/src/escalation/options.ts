import type { BotFailureOptions } from './bot-failure';
import type { BotInitiatedOptions } from './bot-initiated';
import type { PatientRequestOptions } from './patient-request';
import type { RedFlagOptions } from './red-flags';
import type { EscalationDetector } from './types';

/** Options for the built-in detectors; `false` turns one off. */
export interface EscalationOptions {
  botInitiated?: BotInitiatedOptions | false;
  patientRequest?: PatientRequestOptions | false;
  botFailure?: BotFailureOptions | false;
  redFlags?: RedFlagOptions | false;
  /** Extra detectors, run after the built-in ones. */
  custom?: EscalationDetector[];
}

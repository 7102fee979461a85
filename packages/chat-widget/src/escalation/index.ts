import { botFailureDetector } from './bot-failure';
import { botInitiatedDetector } from './bot-initiated';
import type { EscalationOptions } from './options';
import { patientRequestDetector } from './patient-request';
import { redFlagDetector } from './red-flags';
import type { DetectorInput, EscalationDetector, EscalationSignal } from './types';

export { botFailureDetector } from './bot-failure';
export { botInitiatedDetector } from './bot-initiated';
export type * from './options';
export { patientRequestDetector } from './patient-request';
export * from './phrases';
export { redFlagDetector } from './red-flags';
export { normalizeText } from './text';
export type * from './types';

/** The built-in detectors, configured; red flags first so an emergency is never downgraded. */
export function escalationDetectors(options: EscalationOptions = {}): EscalationDetector[] {
  const detectors: EscalationDetector[] = [];
  if (options.redFlags !== false) detectors.push(redFlagDetector(options.redFlags));
  if (options.botInitiated !== false) detectors.push(botInitiatedDetector(options.botInitiated));
  if (options.patientRequest !== false)
    detectors.push(patientRequestDetector(options.patientRequest));
  if (options.botFailure !== false) detectors.push(botFailureDetector(options.botFailure));
  detectors.push(...(options.custom ?? []));
  return detectors;
}

const RANK = { routine: 0, urgent: 1, emergency: 2 } as const;

/** Runs every detector (stateful ones must see every activity) and keeps the most urgent hit. */
export function inspectAll(
  detectors: readonly EscalationDetector[],
  input: DetectorInput,
): EscalationSignal | null {
  let best: EscalationSignal | null = null;
  for (const detector of detectors) {
    const signal = detector.inspect(input);
    if (signal && (!best || RANK[signal.priority] > RANK[best.priority])) best = signal;
  }
  return best;
}

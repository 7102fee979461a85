import { PERSON_REQUEST_PHRASES } from './phrases';
import { findPhrase, messageText } from './text';
import type { EscalationDetector, PhraseLists } from './types';

export interface PatientRequestOptions {
  /** Replaces the built-in phrase lists (en, fr, es). */
  phrases?: PhraseLists;
  /** Ask "Would you like to talk to a person?" first (default true). */
  confirm?: boolean;
}

/** The patient asks for a person in their own words. */
export function patientRequestDetector(options: PatientRequestOptions = {}): EscalationDetector {
  const phrases = options.phrases ?? PERSON_REQUEST_PHRASES;
  return {
    name: 'patient-request',
    inspect({ direction, activity }) {
      const text = direction === 'outgoing' ? messageText(activity) : null;
      const matched = text ? findPhrase(text, phrases) : null;
      if (!matched) return null;
      return {
        reason: { kind: 'patient-requested', detail: 'phrase', matchedText: matched.slice(0, 500) },
        priority: 'routine',
        confirm: options.confirm ?? true,
      };
    },
  };
}

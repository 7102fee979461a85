import { EMERGENCY_NUMBERS, emergencyNumberFor, RED_FLAG_PHRASES } from './phrases';
import { findPhrase, messageText } from './text';
import type { EscalationDetector, PhraseLists } from './types';

export interface RedFlagOptions {
  /** Replaces the built-in red-flag phrases (en, fr, es). */
  phrases?: PhraseLists;
  /** Emergency number by locale (`en-GB`, `fr`, `default`…), merged over the built-in map. */
  emergencyNumbers?: Readonly<Record<string, string>>;
}

/**
 * Urgent red flags in the patient's words: escalate at `emergency` priority, without asking,
 * and show emergency guidance at once. Negation ("no chest pain") is not understood: a false
 * alarm costs less than a miss.
 */
export function redFlagDetector(options: RedFlagOptions = {}): EscalationDetector {
  const phrases = options.phrases ?? RED_FLAG_PHRASES;
  const numbers = { ...EMERGENCY_NUMBERS, ...normalizeKeys(options.emergencyNumbers ?? {}) };
  return {
    name: 'red-flags',
    inspect({ direction, activity, locale }) {
      const text = direction === 'outgoing' ? messageText(activity) : null;
      const matched = text ? findPhrase(text, phrases) : null;
      if (!matched) return null;
      return {
        reason: { kind: 'urgent', detail: 'red-flag', matchedText: matched.slice(0, 500) },
        priority: 'emergency',
        emergencyNumber: emergencyNumberFor(locale, numbers),
      };
    },
  };
}

function normalizeKeys(map: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(map).map(([key, value]) => [key.toLowerCase(), value]));
}

import { FALLBACK_PHRASES } from './phrases';
import { findPhrase, messageText, normalizeText } from './text';
import type { EscalationDetector, PhraseLists } from './types';

export interface BotFailureOptions {
  /** What the bot says when it did not understand (replaces the built-in lists). */
  fallbackPhrases?: PhraseLists;
  /** Regular expressions for fallback replies, tested against the raw bot text. */
  fallbackPatterns?: readonly RegExp[];
  /** Consecutive fallback replies that count as failing (default 2). */
  consecutiveFallbacks?: number;
  /** The same patient message sent this many times in a row counts as failing (default 3). */
  repeatedQuestions?: number;
}

/** The bot keeps failing: N fallback replies in a row, or the patient repeating themselves. */
export function botFailureDetector(options: BotFailureOptions = {}): EscalationDetector {
  const phrases = options.fallbackPhrases ?? FALLBACK_PHRASES;
  const patterns = options.fallbackPatterns ?? [];
  const maxFallbacks = Math.max(1, options.consecutiveFallbacks ?? 2);
  const maxRepeats = Math.max(2, options.repeatedQuestions ?? 3);
  let fallbacks = 0;
  let lastQuestion = '';
  let repeats = 0;
  return {
    name: 'bot-failure',
    reset() {
      fallbacks = 0;
      repeats = 0;
      lastQuestion = '';
    },
    inspect({ direction, activity }) {
      const text = messageText(activity);
      if (text === null) return null;
      if (direction === 'incoming') {
        const isFallback = findPhrase(text, phrases) !== null || patterns.some((p) => p.test(text));
        fallbacks = isFallback ? fallbacks + 1 : 0;
        if (fallbacks < maxFallbacks) return null;
        fallbacks = 0;
        return {
          reason: { kind: 'bot-failure', detail: `${maxFallbacks} consecutive fallbacks` },
          priority: 'routine',
          confirm: true,
        };
      }
      const question = normalizeText(text);
      repeats = question && question === lastQuestion ? repeats + 1 : 1;
      lastQuestion = question;
      if (repeats < maxRepeats) return null;
      repeats = 0;
      return {
        reason: { kind: 'bot-failure', detail: `same question ${maxRepeats} times` },
        priority: 'routine',
        confirm: true,
      };
    },
  };
}

import { FORBIDDEN_KEYS, WIRE_LIMITS } from '../wire/limits';

/**
 * Deepest nesting kept in a card's `content`. The card sits six levels down in a
 * `handoff.request` (`transcript.entries[i].cards[j].content`); the rest of the frame's
 * {@link WIRE_LIMITS.maxDepth} is left as margin for envelopes that carry transcripts deeper.
 */
export const MAX_CARD_CONTENT_DEPTH = WIRE_LIMITS.maxDepth - 16;

/**
 * Whether a card's JSON would pass the server's frame checks wherever a transcript goes:
 * no forbidden key (`__proto__`) at any depth, nesting within {@link MAX_CARD_CONTENT_DEPTH}.
 * Walks once without recursion; `value` is plain JSON (from `JSON.parse`).
 */
export function isSendableCardContent(value: unknown): boolean {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const next = stack.pop();
    if (!next || typeof next.value !== 'object' || next.value === null) continue;
    if (next.depth >= MAX_CARD_CONTENT_DEPTH) return false;
    const record = next.value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (FORBIDDEN_KEYS.has(key)) return false;
      stack.push({ value: record[key], depth: next.depth + 1 });
    }
  }
  return true;
}

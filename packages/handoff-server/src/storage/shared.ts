import type { Priority } from '@baton/handoff-protocol';
import type { ConversationState, StateUpdate } from './records';
import { FINISHED_STATES } from './records';

/** Queue order: emergency first. */
export const PRIORITY_RANK: Record<Priority, number> = { emergency: 0, urgent: 1, routine: 2 };

export function expectedStates(
  update: Pick<StateUpdate, 'expected'>,
): readonly ConversationState[] {
  return typeof update.expected === 'string' ? [update.expected] : update.expected;
}

/** `endedAt` after a transition: stamped on entering a finished state, cleared on leaving. */
export function endedAtAfter(
  next: ConversationState,
  previousEndedAt: string | null,
  now: string,
): string | null {
  if (!FINISHED_STATES.has(next)) return null;
  return previousEndedAt ?? now;
}

export const DEFAULT_ENQUEUE_FROM: readonly ConversationState[] = ['handoff_requested', 'queued'];

export const MAX_LIST_LIMIT = 1000;

export function clampLimit(limit: number | undefined): number {
  if (limit === undefined) return MAX_LIST_LIMIT;
  return Math.max(0, Math.min(MAX_LIST_LIMIT, Math.floor(limit)));
}

export function nowIso(): string {
  // Many records share a millisecond under load: the string is made once per millisecond.
  const now = Date.now();
  if (now !== lastNow) {
    lastNow = now;
    lastIso = new Date(now).toISOString();
  }
  return lastIso;
}
let lastNow = Number.NaN;
let lastIso = '';

/** What `Date#toISOString` writes (and SQLite stores): returned as it is, not parsed again. */
const CANONICAL_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** `text` as `Date#toISOString` writes it; `fallback` (epoch ms) when it is not a date. */
export function canonicalIso(text: string, fallback?: number): string {
  if (CANONICAL_ISO.test(text)) return text;
  const parsed = Date.parse(text);
  return new Date(Number.isNaN(parsed) ? (fallback ?? parsed) : parsed).toISOString();
}

/** Code-point order, as SQL `BINARY` / `COLLATE "C"` sort: the same in every backend. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Store options every backend shares. */
export interface AuditClockOptions {
  /**
   * Keep the caller's `AuditEvent.at` instead of stamping the time of the append. Off by
   * default so the engine cannot back- or forward-date an audit record; for tests and
   * imports of historical logs only.
   */
  trustAuditTimestamps?: boolean;
}

/** The instant an audit record carries: the store's clock unless the store trusts callers. */
export function auditInstant(at: string | undefined, trustAuditTimestamps: boolean): string {
  if (trustAuditTimestamps && at !== undefined) return new Date(at).toISOString();
  return nowIso();
}

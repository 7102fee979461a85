import type { BotOutcome } from '@baton/handoff-protocol';
import type { ConversationRecord } from './records';

/** A conversation with the bot, as the widget registered it: ids and times, never text. */
export interface BotSessionRecord {
  id: string;
  patientId: string;
  locale: string;
  /** The portal page path the chat started on. */
  entryPath: string | null;
  startedAt: string;
  lastActivityAt: string;
  endedAt: string | null;
  outcome: BotOutcome | null;
  /** `escalated`: the escalation detector's kind. */
  escalation: string | null;
  handoffConversationId: string | null;
  /** The patient's IANA time zone as the widget reported it (migration 15); null if unknown. */
  timeZone: string | null;
}

export type NewBotSession = Pick<
  BotSessionRecord,
  'id' | 'patientId' | 'locale' | 'entryPath' | 'startedAt'
> & { timeZone?: string | null };

export interface BotSessionEnd {
  outcome: BotOutcome;
  at: string;
  escalation?: string | null;
  handoffConversationId?: string | null;
}

/** At most this many rows per dashboard list: its cost never grows with the history. */
export const BOT_SESSION_LIST_LIMIT = 1000;

/**
 * Bot conversations (migration 10) and the dashboard's "recently ended" reads, each a bounded
 * indexed query: open sessions by start, ended ones by end time, finished conversations by
 * `ended_at`.
 */
export interface BotSessionOps {
  /**
   * Registers a bot conversation; an id that exists already for the same patient changes
   * nothing (`created: false`); for another patient it is a `conflict` error.
   */
  startBotSession(session: NewBotSession): Promise<{ session: BotSessionRecord; created: boolean }>;
  getBotSession(id: string): Promise<BotSessionRecord | null>;
  /** Moves the last activity forward (never back) of an open session; the session or null. */
  touchBotSession(id: string, at: string): Promise<BotSessionRecord | null>;
  /** Closes an open session with its outcome; null when unknown or already closed. */
  endBotSession(id: string, end: BotSessionEnd): Promise<BotSessionRecord | null>;
  /** Open sessions, oldest first, at most `limit` (≤ 1000). */
  listOpenBotSessions(limit: number): Promise<BotSessionRecord[]>;
  countOpenBotSessions(): Promise<number>;
  /** Sessions ended at or after `since`, newest first, at most `limit` (≤ 1000). */
  listBotSessionsEndedSince(since: string, limit: number): Promise<BotSessionRecord[]>;
  /** Conversations finished (`ended_at`) at or after `since`, newest first, at most `limit`. */
  listConversationsEndedSince(since: string, limit: number): Promise<ConversationRecord[]>;
}

export function boundedLimit(limit: number): number {
  return Math.max(0, Math.min(BOT_SESSION_LIST_LIMIT, Math.floor(limit)));
}

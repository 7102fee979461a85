import type { DurableScheduler } from './scheduler';

/**
 * The engine's per-conversation deadlines. Adding one: name it here, handle it in
 * `deadlineHandler`'s switch (`deadlines.ts`). `unstaffed`: a few seconds after a conversation is queued (at
 * once when its queue is closed), check that someone could take it (an agent of its queue
 * signed in, within business hours); if not, offer the fallback. `agent-grace`: the assigned agent is gone; requeue her conversation
 * unless she is back. `bot-idle`: keyed by a bot session id (not a conversation's): a bot
 * conversation without activity is closed as abandoned (see `bot-sessions.ts`).
 */
export const TIMER_KINDS = ['queue', 'idle', 'unstaffed', 'agent-grace', 'bot-idle'] as const;

export type TimerKind = (typeof TIMER_KINDS)[number];

/**
 * Per-conversation deadlines (queue: no agent in time; idle: the patient went quiet), kept in
 * the store's schedules so that exactly one node acts on each, once, across restarts.
 * Re-arming replaces; `cancel` clears every kind; calls return at once and are applied in
 * order per conversation (`settled` waits for them).
 */
export class ConversationTimers {
  readonly #scheduler: DurableScheduler;

  constructor(
    scheduler: DurableScheduler,
    onFire: (kind: TimerKind, conversationId: string) => Promise<void>,
  ) {
    this.#scheduler = scheduler;
    for (const kind of TIMER_KINDS) scheduler.handle(kind, (key) => onFire(kind, key));
  }

  arm(kind: TimerKind, conversationId: string, delayMs: number): void {
    this.#scheduler.set(kind, conversationId, delayMs);
  }

  /** Arms unless this deadline already runs (on any node). */
  armIfAbsent(kind: TimerKind, conversationId: string, delayMs: number): void {
    this.#scheduler.ensure(kind, conversationId, delayMs);
  }

  /** A deadline stored by another write (the handoff request's transaction): wake-up only. */
  armed(kind: TimerKind, conversationId: string, delayMs: number): void {
    this.#scheduler.wake(kind, conversationId, delayMs);
  }

  clear(kind: TimerKind, conversationId: string): void {
    this.#scheduler.clear(conversationId, [kind]);
  }

  cancel(conversationId: string): void {
    this.#scheduler.clear(conversationId, TIMER_KINDS);
  }

  settled(): Promise<void> {
    return this.#scheduler.settled();
  }
}

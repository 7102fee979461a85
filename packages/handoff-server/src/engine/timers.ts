/** `agent-grace`: the assigned agent is gone; requeue her conversation unless she is back. */
export type TimerKind = 'queue' | 'idle' | 'agent-grace';

/**
 * The engine's per-conversation deadlines: one queue deadline (no agent in time) and one
 * patient-idle deadline. Re-arming replaces; `cancel` clears both; `stop` clears all. Timers
 * are unref'd so they never keep a process alive.
 */
export class ConversationTimers {
  readonly #timers = new Map<string, NodeJS.Timeout>();
  readonly #onFire: (kind: TimerKind, conversationId: string) => void;
  #stopped = false;

  constructor(onFire: (kind: TimerKind, conversationId: string) => void) {
    this.#onFire = onFire;
  }

  arm(kind: TimerKind, conversationId: string, delayMs: number): void {
    if (this.#stopped) return;
    const key = `${kind}:${conversationId}`;
    this.clear(kind, conversationId);
    const timer = setTimeout(
      () => {
        this.#timers.delete(key);
        this.#onFire(kind, conversationId);
      },
      Math.max(0, delayMs),
    );
    timer.unref();
    this.#timers.set(key, timer);
  }

  has(kind: TimerKind, conversationId: string): boolean {
    return this.#timers.has(`${kind}:${conversationId}`);
  }

  clear(kind: TimerKind, conversationId: string): void {
    const key = `${kind}:${conversationId}`;
    const timer = this.#timers.get(key);
    if (timer) clearTimeout(timer);
    this.#timers.delete(key);
  }

  cancel(conversationId: string): void {
    this.clear('queue', conversationId);
    this.clear('idle', conversationId);
  }

  get size(): number {
    return this.#timers.size;
  }

  stop(): void {
    this.#stopped = true;
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
  }
}

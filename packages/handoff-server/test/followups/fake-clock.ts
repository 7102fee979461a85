import type { Clock } from '../../src/engine/followups/types';

/** A clock a test moves by hand: timers fire inside `advance`, never on their own. */
export class FakeClock implements Clock {
  #now: number;
  #timers = new Map<number, { at: number; callback: () => void }>();
  #next = 1;

  constructor(start: string | number) {
    this.#now = typeof start === 'number' ? start : Date.parse(start);
  }

  now(): number {
    return this.#now;
  }

  setTimer(callback: () => void, delayMs: number): unknown {
    const handle = this.#next++;
    this.#timers.set(handle, { at: this.#now + Math.max(0, delayMs), callback });
    return handle;
  }

  clearTimer(handle: unknown): void {
    this.#timers.delete(handle as number);
  }

  get timers(): number {
    return this.#timers.size;
  }

  /** Moves time forward, firing due timers in order (bounded). */
  advance(ms: number): void {
    const target = this.#now + ms;
    for (let round = 0; round < 10_000; round += 1) {
      let first: [number, { at: number; callback: () => void }] | undefined;
      for (const entry of this.#timers) if (!first || entry[1].at < first[1].at) first = entry;
      if (!first || first[1].at > target) break;
      this.#timers.delete(first[0]);
      this.#now = Math.max(this.#now, first[1].at);
      first[1].callback();
    }
    this.#now = target;
  }
}

import { setImmediate } from 'node:timers';

/** Frames let through per event-loop turn, across every socket of the process. */
const FRAMES_PER_TURN = 64;

/**
 * Admission of inbound frames in turns: a burst (thousands of escalations at once) is read
 * from the sockets in one poll phase, and running every frame's handler right there would
 * hold the event loop for seconds. Each frame waits for its turn; at most
 * {@link FRAMES_PER_TURN} start per event-loop turn, in arrival order, so socket I/O, pings
 * and timers run between batches. When idle a frame waits one turn.
 */
export class FrameTurns {
  readonly #perTurn: number;
  readonly #waiting: (() => void)[] = [];
  #scheduled = false;

  constructor(perTurn = FRAMES_PER_TURN) {
    this.#perTurn = perTurn;
  }

  next(): Promise<void> {
    return new Promise((resolve) => {
      this.#waiting.push(resolve);
      if (this.#scheduled) return;
      this.#scheduled = true;
      setImmediate(() => this.#release());
    });
  }

  #release(): void {
    const batch = this.#waiting.splice(0, this.#perTurn);
    if (this.#waiting.length > 0) setImmediate(() => this.#release());
    else this.#scheduled = false;
    for (const resolve of batch) resolve();
  }
}

/** One admission line for the process: the event loop it protects is one too. */
export const frameTurns = new FrameTurns();

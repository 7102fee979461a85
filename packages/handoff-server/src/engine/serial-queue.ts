/**
 * Runs tasks one at a time per key, in the order they were queued: the engine's
 * per-conversation lock. Different keys run concurrently. A failing task does not block the
 * ones behind it.
 */
export class KeyedSerialQueue {
  /** Per key: the promise the next task waits for, and the tasks queued or running. */
  readonly #keys = new Map<string, { tail: Promise<unknown>; pending: number }>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    let entry = this.#keys.get(key);
    if (!entry) {
      entry = { tail: SETTLED, pending: 0 };
      this.#keys.set(key, entry);
    }
    const line = entry;
    line.pending += 1;
    const result = line.tail.then(task, task);
    // One settle handler per task (this runs for every message): the key goes when idle.
    const settled = () => {
      line.pending -= 1;
      if (line.pending === 0 && this.#keys.get(key) === line) this.#keys.delete(key);
    };
    line.tail = result.then(settled, settled);
    return result;
  }

  /** Keys with queued or running work. */
  get size(): number {
    return this.#keys.size;
  }

  /** Resolves when every task queued so far (and any queued meanwhile) has settled. */
  async drain(): Promise<void> {
    for (let round = 0; round < 1000 && this.#keys.size > 0; round += 1) {
      await Promise.all(Array.from(this.#keys.values(), (line) => line.tail));
    }
  }
}

const SETTLED: Promise<unknown> = Promise.resolve();

/**
 * Runs tasks one at a time per key, in the order they were queued: the engine's
 * per-conversation lock. Different keys run concurrently. A failing task does not block the
 * ones behind it.
 */
export class KeyedSerialQueue {
  readonly #tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.#tails.set(key, tail);
    void tail.then(() => {
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    });
    return result;
  }

  /** Keys with queued or running work. */
  get size(): number {
    return this.#tails.size;
  }

  /** Resolves when every task queued so far (and any queued meanwhile) has settled. */
  async drain(): Promise<void> {
    for (let round = 0; round < 1000 && this.#tails.size > 0; round += 1) {
      await Promise.all([...this.#tails.values()]);
    }
  }
}

/**
 * Recent history the desk estimates from: queue waits per queue and handle times per agent,
 * each a bounded ring of the latest samples (seconds). Kept in memory on each node.
 */
export class DeskHistory {
  readonly #size: number;
  readonly #waits = new Map<string, number[]>();
  readonly #handles = new Map<string, number[]>();
  readonly #enqueuedAt = new Map<string, number>();
  readonly #assignedAt = new Map<string, { agentId: string; at: number }>();

  constructor(size = 20) {
    this.#size = size;
  }

  #push(map: Map<string, number[]>, key: string, value: number): void {
    const ring = map.get(key) ?? [];
    ring.push(value);
    if (ring.length > this.#size) ring.shift();
    map.set(key, ring);
  }

  enqueued(conversationId: string, at: number): void {
    this.#enqueuedAt.set(conversationId, at);
  }

  enqueuedAt(conversationId: string): number | undefined {
    return this.#enqueuedAt.get(conversationId);
  }

  /** Left the queue for an agent: one wait sample for `queue`. */
  assigned(conversationId: string, queue: string | null, agentId: string, at: number): void {
    const since = this.#enqueuedAt.get(conversationId);
    if (since !== undefined && queue)
      this.#push(this.#waits, queue, Math.max(0, (at - since) / 1000));
    this.#enqueuedAt.delete(conversationId);
    this.#assignedAt.set(conversationId, { agentId, at });
  }

  /** Left the queue some other way (expired, abandoned…): no sample. */
  dequeued(conversationId: string): void {
    this.#enqueuedAt.delete(conversationId);
  }

  /** The agent's part is over: one handle-time sample for the agent. */
  released(conversationId: string, at: number): void {
    const held = this.#assignedAt.get(conversationId);
    if (!held) return;
    this.#push(this.#handles, held.agentId, Math.max(0, (at - held.at) / 1000));
    this.#assignedAt.delete(conversationId);
  }

  averageWait(queue?: string): number | null {
    const samples = queue ? (this.#waits.get(queue) ?? []) : [...this.#waits.values()].flat();
    return average(samples);
  }

  averageHandle(agentId: string): number | null {
    return average(this.#handles.get(agentId) ?? []);
  }

  /**
   * Wait for the `position`-th patient: recent average wait per served patient, scaled by
   * the line ahead and the agents serving it. `null` without history or without agents.
   */
  estimate(queue: string, position: number, agentsOnline: number): number | null {
    const wait = this.averageWait(queue);
    if (wait === null || agentsOnline <= 0) return null;
    return Math.round((wait * position) / agentsOnline);
  }
}

function average(samples: readonly number[]): number | null {
  if (samples.length === 0) return null;
  return samples.reduce((sum, x) => sum + x, 0) / samples.length;
}

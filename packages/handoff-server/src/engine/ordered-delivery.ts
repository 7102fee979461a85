import type { MessageRecord } from '../storage/records';

/** Records held at most this many deep while appends overlap, then delivered anyway. */
const MAX_HELD = 64;

/**
 * Delivers one conversation's committed records in seq order on this node. The store
 * assigns seq at commit, but overlapping appends (patient and agent writing at once) can
 * resolve in another order; records are held while an append of the same conversation is in
 * flight here, then delivered sorted. Frames committed on another node can still cross
 * (clients place them by seq and close holes, see the protocol's Delivery section).
 */
export class OrderedDelivery {
  readonly #open = new Map<string, { inFlight: number; held: MessageRecord[] }>();
  readonly #deliver: (record: MessageRecord) => void;

  constructor(deliver: (record: MessageRecord) => void) {
    this.#deliver = deliver;
  }

  /** Runs `commit` (one append, or none: no `message`); a new record is delivered in order. */
  async commit<R extends { message?: MessageRecord; duplicate: boolean }>(
    conversationId: string,
    commit: () => Promise<R>,
  ): Promise<R> {
    let slot = this.#open.get(conversationId);
    if (!slot) {
      slot = { inFlight: 0, held: [] };
      this.#open.set(conversationId, slot);
    }
    slot.inFlight += 1;
    try {
      const result = await commit();
      if (!result.duplicate && result.message) slot.held.push(result.message);
      return result;
    } finally {
      slot.inFlight -= 1;
      if (slot.inFlight === 0 || slot.held.length >= MAX_HELD) this.#flush(conversationId, slot);
    }
  }

  #flush(conversationId: string, slot: { inFlight: number; held: MessageRecord[] }): void {
    const records = slot.held.sort((a, b) => a.seq - b.seq);
    slot.held = [];
    if (slot.inFlight === 0) this.#open.delete(conversationId);
    for (const record of records) this.#deliver(record);
  }
}

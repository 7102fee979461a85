import { describe, expect, it } from 'vitest';
import { MemoryConversationStore } from '../storage/memory';
import { estimateWait } from './wait-estimate';

async function storeWith(samples: [minutesAgo: number, waitedSeconds: number][], now: number) {
  const store = new MemoryConversationStore();
  let n = 0;
  for (const [minutesAgo, waited] of samples) {
    n += 1;
    await store.createConversation({ id: `c${n}`, patientId: `p${n}` });
    await store.recordQueueWait({
      queue: 'general',
      conversationId: `c${n}`,
      waitedMs: waited * 1000,
      claimedAt: new Date(now - minutesAgo * 60_000).toISOString(),
    });
  }
  return store;
}

describe('estimated wait from measured claims', () => {
  const now = Date.parse('2026-12-01T10:00:00Z');

  it('is not shown without anyone online or with too few recent claims', async () => {
    const store = await storeWith(
      [
        [5, 60],
        [10, 60],
        [90, 60],
      ],
      now,
    );
    expect(await estimateWait(store, 'general', 1, 0, now)).toBeNull();
    // Two claims within the hour (the third is older): not enough to be honest.
    expect(await estimateWait(store, 'general', 1, 2, now)).toBeNull();
    expect(await estimateWait(store, 'other', 1, 2, now)).toBeNull();
  });

  it('follows the queue’s throughput and the line ahead', async () => {
    // Six patients taken in the last 30 minutes: one every 5 minutes.
    const store = await storeWith(
      [
        [0, 30],
        [5, 30],
        [10, 30],
        [15, 30],
        [20, 30],
        [30, 30],
      ],
      now,
    );
    expect(await estimateWait(store, 'general', 1, 1, now)).toBe(300);
    expect(await estimateWait(store, 'general', 3, 1, now)).toBe(900);
  });

  it('is never shorter than the recent median wait', async () => {
    const store = await storeWith(
      [
        [1, 600],
        [2, 600],
        [3, 600],
      ],
      now,
    );
    expect(await estimateWait(store, 'general', 1, 3, now)).toBe(600);
  });
});

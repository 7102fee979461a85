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

  it('is the recent median wait for the patient at the front, even in a quiet queue', async () => {
    // A quiet queue: a patient every 5 minutes, each taken within 2 seconds.
    const store = await storeWith(
      [
        [0, 2],
        [5, 2],
        [10, 3],
        [15, 2],
        [20, 1],
      ],
      now,
    );
    expect(await estimateWait(store, 'general', 1, 1, now)).toBe(2);
  });

  it('adds the recent interval between claims for each patient ahead', async () => {
    // Claims 1 minute apart (one gap of 10 minutes does not move the median); waits of 30 s.
    const store = await storeWith(
      [
        [0, 30],
        [1, 30],
        [2, 40],
        [3, 20],
        [13, 30],
      ],
      now,
    );
    expect(await estimateWait(store, 'general', 1, 1, now)).toBe(30);
    expect(await estimateWait(store, 'general', 3, 1, now)).toBe(30 + 2 * 60);
  });
});

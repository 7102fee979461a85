import { describe, expect, it } from 'vitest';
import type { MessageRecord } from '../storage/records';
import { OrderedDelivery } from './ordered-delivery';

const record = (seq: number) => ({ seq, conversationId: 'c' }) as MessageRecord;

/** A commit that resolves when the test says so. */
function pending(seq: number, duplicate = false) {
  let resolve!: () => void;
  const done = new Promise<void>((r) => {
    resolve = r;
  });
  return {
    commit: () => done.then(() => ({ message: record(seq), duplicate })),
    resolve,
  };
}

describe('OrderedDelivery', () => {
  it('delivers overlapping appends of one conversation in seq order, not resolution order', async () => {
    const delivered: number[] = [];
    const ordered = new OrderedDelivery((r) => delivered.push(r.seq));
    const [five, six, seven] = [pending(5), pending(6), pending(7, true)];
    const results = [
      ordered.commit('c', five.commit),
      ordered.commit('c', six.commit),
      ordered.commit('c', seven.commit),
    ];
    six.resolve();
    await results[1];
    expect(delivered).toEqual([]); // 5 may still come before it
    seven.resolve();
    await results[2];
    five.resolve();
    await results[0];
    expect(delivered).toEqual([5, 6]); // a duplicate was delivered the first time
  });

  it('delivers at once when nothing else is in flight, and after a failed commit', async () => {
    const delivered: number[] = [];
    const ordered = new OrderedDelivery((r) => delivered.push(r.seq));
    await ordered.commit('c', async () => ({ message: record(1), duplicate: false }));
    expect(delivered).toEqual([1]);
    const failing = ordered.commit('c', () => Promise.reject(new Error('store down')));
    const next = ordered.commit('c', async () => ({ message: record(2), duplicate: false }));
    await expect(failing).rejects.toThrow('store down');
    await next;
    expect(delivered).toEqual([1, 2]);
  });
});

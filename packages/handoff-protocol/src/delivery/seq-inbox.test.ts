import { SeqInbox } from '@baton/handoff-protocol';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';

describe('SeqInbox', () => {
  it('resumes from the highest contiguous seq, not the highest seen', () => {
    const inbox = new SeqInbox();
    expect([1, 2, 4, 5].map((seq) => inbox.accept(seq))).toEqual([true, true, true, true]);
    expect(inbox.contiguous).toBe(2);
    expect(inbox.accept(3)).toBe(true);
    expect(inbox.contiguous).toBe(5);
    expect(inbox.held.size).toBe(0);
  });

  it('drops duplicates, below and above the contiguous point', () => {
    const inbox = new SeqInbox();
    inbox.accept(1);
    inbox.accept(3);
    expect(inbox.accept(1)).toBe(false);
    expect(inbox.accept(3)).toBe(false);
    expect(inbox.contiguous).toBe(1);
  });

  it('closes holes below a `lastSeq` the server vouches for, keeping what is above', () => {
    const inbox = new SeqInbox();
    inbox.close(2);
    inbox.accept(5);
    inbox.accept(9);
    inbox.close(6);
    expect(inbox.contiguous).toBe(6);
    expect([...inbox.held]).toEqual([9]);
    inbox.close(4); // an older reply changes nothing
    expect(inbox.contiguous).toBe(6);
    inbox.accept(8);
    inbox.accept(7);
    expect(inbox.contiguous).toBe(9);
  });

  it('asks for a gap-fill once per bound while a hole stays open', () => {
    vi.useFakeTimers({ now: 1000 });
    try {
      const inbox = new SeqInbox();
      inbox.accept(2);
      const overdueAt = (ms: number) => {
        vi.setSystemTime(ms);
        return inbox.overdue(1500);
      };
      expect(overdueAt(2000)).toBe(false);
      expect(overdueAt(2500)).toBe(true);
      expect(overdueAt(2600)).toBe(false);
      expect(overdueAt(4000)).toBe(true);
      inbox.accept(1);
      expect(overdueAt(9000)).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });

  it('ends at the last seq for any order, duplicates and hidden-record closes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.array(fc.nat(), { maxLength: 80 }),
        fc.array(fc.nat({ max: 60 }), { maxLength: 10 }),
        (count, shuffle, duplicates) => {
          const seqs = Array.from({ length: count }, (_, i) => i + 1);
          for (const [i, r] of shuffle.entries()) {
            const a = i % count;
            const b = r % count;
            [seqs[a], seqs[b]] = [seqs[b]!, seqs[a]!];
          }
          const inbox = new SeqInbox();
          const delivered: number[] = [];
          for (const seq of [...seqs, ...duplicates.filter((d) => d >= 1 && d <= count)]) {
            if (inbox.accept(seq)) delivered.push(seq);
            // Never ahead of what it holds: every seq at or below the point was delivered.
            for (let s = 1; s <= inbox.contiguous; s += 1) expect(delivered).toContain(s);
          }
          expect(delivered.sort((x, y) => x - y)).toEqual(seqs.sort((x, y) => x - y));
          expect(inbox.contiguous).toBe(count);
          expect(inbox.overdue(0)).toBe(false);
        },
      ),
    );
  });
});

import { SeqInbox } from '@baton/handoff-protocol';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

describe('SeqInbox', () => {
  it('resumes from the highest contiguous seq, not the highest seen', () => {
    const inbox = new SeqInbox();
    expect([1, 2, 4, 5].map((seq) => inbox.accept(seq, 0))).toEqual([true, true, true, true]);
    expect(inbox.contiguous).toBe(2);
    expect(inbox.accept(3, 0)).toBe(true);
    expect(inbox.contiguous).toBe(5);
    expect(inbox.held.size).toBe(0);
  });

  it('drops duplicates, below and above the contiguous point', () => {
    const inbox = new SeqInbox();
    inbox.accept(1, 0);
    inbox.accept(3, 0);
    expect(inbox.accept(1, 0)).toBe(false);
    expect(inbox.accept(3, 0)).toBe(false);
    expect(inbox.contiguous).toBe(1);
  });

  it('closes holes below a `lastSeq` the server vouches for, keeping what is above', () => {
    const inbox = new SeqInbox(2);
    inbox.accept(5, 0);
    inbox.accept(9, 0);
    inbox.close(6, 0);
    expect(inbox.contiguous).toBe(6);
    expect([...inbox.held]).toEqual([9]);
    inbox.close(4, 0); // an older reply changes nothing
    expect(inbox.contiguous).toBe(6);
    inbox.accept(8, 0);
    inbox.accept(7, 0);
    expect(inbox.contiguous).toBe(9);
  });

  it('asks for a gap-fill once per bound while a hole stays open', () => {
    const inbox = new SeqInbox();
    inbox.accept(2, 1000);
    expect(inbox.overdue(1500, 2000)).toBe(false);
    expect(inbox.overdue(1500, 2500)).toBe(true);
    expect(inbox.overdue(1500, 2600)).toBe(false);
    expect(inbox.overdue(1500, 4000)).toBe(true);
    inbox.accept(1, 4100);
    expect(inbox.overdue(1500, 9000)).toBe(false);
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
            if (inbox.accept(seq, 0)) delivered.push(seq);
            // Never ahead of what it holds: every seq at or below the point was delivered.
            for (let s = 1; s <= inbox.contiguous; s += 1) expect(delivered).toContain(s);
          }
          expect(delivered.sort((x, y) => x - y)).toEqual(seqs.sort((x, y) => x - y));
          expect(inbox.contiguous).toBe(count);
          expect(inbox.overdue(0, 1)).toBe(false);
        },
      ),
    );
  });
});

import { describe, expect, it } from 'vitest';
import { FrameTurns } from './frame-turns';

describe('frame turns', () => {
  it('lets frames through a few per event-loop turn, in arrival order', async () => {
    const turns = new FrameTurns(4);
    const started: number[] = [];
    const frames = Array.from({ length: 10 }, (_, i) => turns.next().then(() => started.push(i)));
    // The first turn starts four frames; the others wait for later turns.
    await frames[0];
    expect(started).toEqual([0, 1, 2, 3]);
    await Promise.all(frames);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});

import { describe, expect, it } from 'vitest';
import { revealNewest } from './reveal';

const box = (top: number, bottom: number) => ({ getBoundingClientRect: () => ({ top, bottom }) });

function fakeLog(newest: { top: number; bottom: number }) {
  return {
    ...box(100, 500),
    scrollTop: 0,
    lastElementChild: box(newest.top, newest.bottom),
  } as unknown as HTMLElement;
}

describe('revealNewest', () => {
  it('scrolls a short new message fully into view', () => {
    const log = fakeLog({ top: 520, bottom: 560 });
    revealNewest(log);
    expect(log.scrollTop).toBe(60);
  });

  it('shows the start of an entry taller than the log (a long card is read from its top)', () => {
    const log = fakeLog({ top: 450, bottom: 1200 });
    revealNewest(log);
    expect(log.scrollTop).toBe(350);
  });

  it('leaves the log alone when the newest entry is already in view', () => {
    const log = fakeLog({ top: 300, bottom: 400 });
    revealNewest(log);
    expect(log.scrollTop).toBe(0);
  });
});

import { isRetryLater, Outbox } from '@baton/handoff-protocol';
import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => {
  vi.useRealTimers();
});

interface Frame {
  clientMessageId: string;
}

function outbox(online = { value: true }) {
  const wire: string[] = [];
  const failed: string[] = [];
  const box = new Outbox<Frame>({
    transmit: (frame) => online.value && wire.push(frame.clientMessageId) > 0,
    ackTimeoutMs: 100,
    failed: (frame, code) => failed.push(`${frame.clientMessageId}:${code}`),
  });
  return { box, wire, failed, online };
}

describe('Outbox', () => {
  it('resends the same id with backoff until acked, then fails for good', () => {
    vi.useFakeTimers({ now: 0 });
    const { box, wire, failed } = outbox();
    const tick = (at: number) => {
      vi.setSystemTime(at);
      box.tick();
    };
    box.add({ clientMessageId: 'a' });
    tick(99);
    tick(100);
    tick(250); // second wait is 200 ms
    tick(300);
    expect(wire).toEqual(['a', 'a', 'a']);
    for (const at of [700, 1500, 3100]) tick(at); // 400, 800, 1600 ms
    expect(wire).toHaveLength(6);
    expect(failed).toEqual([]);
    tick(6300); // no ack 3200 ms after the sixth attempt
    expect(failed).toEqual(['a:timeout']);
    expect(box.entries.get('a')?.failed).toBe(true);
    tick(60_000);
    expect(wire).toHaveLength(6);
    box.retry('a');
    expect(wire).toHaveLength(7);
    expect(box.settle('a')).toEqual({ clientMessageId: 'a' });
    expect(box.entries.size).toBe(0);
  });

  it('holds what cannot go now and sends it on resend', () => {
    const online = { value: false };
    const { box, wire } = outbox(online);
    box.add({ clientMessageId: 'a' });
    expect(wire).toEqual([]);
    expect(box.entries.get('a')?.attempts).toBe(0);
    online.value = true;
    box.resend();
    expect(wire).toEqual(['a']);
  });

  it('keeps a command the server cannot take now (`unavailable`) and fails a refused one', () => {
    const { box, wire } = outbox();
    box.add({ clientMessageId: 'a' });
    box.add({ clientMessageId: 'b' });
    expect(isRetryLater({ code: 'unavailable', retryable: false })).toBe(true);
    expect(isRetryLater({ code: 'forbidden', retryable: false })).toBe(false);
    expect(box.refuse('a', isRetryLater({ code: 'unavailable' }))).toBeUndefined();
    expect(box.entries.get('a')?.failed).toBe(false);
    expect(box.refuse('b', isRetryLater({ code: 'forbidden' }))).toEqual({ clientMessageId: 'b' });
    expect(box.entries.get('b')?.failed).toBe(true);
    box.resend();
    expect(wire).toEqual(['a', 'b', 'a']);
    expect(box.refuse('b', false)).toBeUndefined(); // already failed: nothing to report twice
  });

  it('gives up on a retry-later command when its attempts are spent', () => {
    const { box } = outbox();
    box.add({ clientMessageId: 'a' });
    for (let i = 0; i < 5; i += 1) box.resend();
    expect(box.refuse('a', true)).toEqual({ clientMessageId: 'a' });
  });
});

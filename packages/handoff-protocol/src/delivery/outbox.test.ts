import { isRetryLater, Outbox } from '@baton/handoff-protocol';
import { describe, expect, it } from 'vitest';

interface Frame {
  clientMessageId: string;
}

function outbox(online = { value: true }) {
  const wire: string[] = [];
  const failed: string[] = [];
  const box = new Outbox<Frame>({
    transmit: (frame) => online.value && wire.push(frame.clientMessageId) > 0,
    ackTimeoutMs: 100,
    maxAttempts: 3,
    failed: (frame, code) => failed.push(`${frame.clientMessageId}:${code}`),
  });
  return { box, wire, failed, online };
}

describe('Outbox', () => {
  it('resends the same id with backoff until acked, then fails for good', () => {
    const { box, wire, failed } = outbox();
    box.add({ clientMessageId: 'a' });
    const start = box.entries.get('a')!.sentAt;
    box.tick(start + 99);
    box.tick(start + 100);
    box.tick(start + 250); // second wait is 200 ms
    box.tick(start + 300);
    expect(wire).toEqual(['a', 'a', 'a']);
    box.tick(start + 1000);
    expect(failed).toEqual(['a:timeout']);
    expect(box.entries.get('a')?.failed).toBe(true);
    box.tick(start + 5000);
    expect(wire).toHaveLength(3);
    box.retry('a');
    expect(wire).toHaveLength(4);
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
    box.resend();
    box.resend();
    expect(box.refuse('a', true)).toEqual({ clientMessageId: 'a' });
  });
});

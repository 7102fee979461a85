import { serverToAgentMessage } from '@baton/handoff-protocol';
import { describe, expect, it, vi } from 'vitest';
import { ConversationInboxes } from './inboxes';

const C = 'conv-1';
const message = (seq: number) =>
  serverToAgentMessage('message', { conversationId: C, seq, from: 'patient', text: `m${seq}` });

describe('ConversationInboxes', () => {
  it('resumes a conversation from its highest contiguous seq, not the highest seen', () => {
    const inboxes = new ConversationInboxes();
    expect(inboxes.resumePoint(C)).toBe(0);
    for (const seq of [1, 2, 4]) inboxes.track(message(seq));
    expect(inboxes.resumePoint(C)).toBe(2);
    // Seq 3 was an event staff get no live frame for: the server says so.
    inboxes.track(serverToAgentMessage('log.hidden', { conversationId: C, seq: 3 }));
    expect(inboxes.resumePoint(C)).toBe(4);
  });

  it('takes a transcript as holding everything up to its lastSeq', () => {
    const inboxes = new ConversationInboxes();
    inboxes.track(message(9));
    inboxes.track(
      serverToAgentMessage('conversation.transcript', {
        conversationId: C,
        state: 'assigned',
        request: {
          reason: { kind: 'patient-requested' },
          priority: 'routine',
          patient: { patientId: 'p', displayName: 'P', locale: 'en' },
          transcript: { entries: [] },
        },
        log: [{ seq: 2, at: '2026-11-25T18:00:00.000Z', kind: 'message', from: 'patient' }],
        lastSeq: 7,
      }),
    );
    expect(inboxes.resumePoint(C)).toBe(7);
    inboxes.track(message(8));
    expect(inboxes.resumePoint(C)).toBe(9);
  });

  it('asks for a gap-fill when a hole stays open', () => {
    vi.useFakeTimers({ now: 10_000 });
    try {
      const inboxes = new ConversationInboxes();
      inboxes.track(message(2));
      expect(inboxes.overdue(C)).toBe(false);
      vi.setSystemTime(11_500);
      expect(inboxes.overdue(C)).toBe(true);
      inboxes.track(message(1));
      vi.setSystemTime(15_000);
      expect(inboxes.overdue(C)).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });
});

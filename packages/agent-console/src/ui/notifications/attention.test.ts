import { type QueueItem, serverToAgentMessage } from '@baton/handoff-protocol';
import { describe, expect, it } from 'vitest';
import { applyServerFrame, type ConsoleState, initialState } from '../../session/state';
import { attentionCount, newAlerts, waitingEmergency } from './attention';

const profile = {
  staffId: 'amelie',
  displayName: 'Amelie',
  roles: ['agent' as const],
  clinical: false,
  queues: ['cardiology'],
};

const item = (conversationId: string, priority: QueueItem['priority'] = 'routine'): QueueItem => ({
  conversationId,
  queue: 'cardiology',
  priority,
  escalation: 'patient-requested',
  patientDisplayName: 'Alex Martin',
  locale: 'en',
  enqueuedAt: '2026-11-25T18:00:00.000Z',
  position: 1,
});

const upsert = (state: ConsoleState, queued: QueueItem) =>
  applyServerFrame(
    state,
    serverToAgentMessage('queue.update', { change: { op: 'upsert', item: queued } }),
  );

describe('desk alerts', () => {
  it('counts waiting work for the title and alerts only on what is new', () => {
    let state = applyServerFrame(
      initialState(profile),
      serverToAgentMessage('queue.snapshot', { items: [item('c1')] }),
    );
    // What was there at sign-in is counted, not announced.
    const first = newAlerts(state, null);
    expect(first.alerts).toEqual([]);
    expect(attentionCount(state)).toBe(1);

    state = upsert(state, item('c2', 'emergency'));
    const second = newAlerts(state, first.memory);
    expect(second.alerts).toEqual([{ kind: 'work', queue: 'cardiology', priority: 'emergency' }]);
    expect(attentionCount(state)).toBe(2);
    expect(waitingEmergency(state)).toBe('cardiology');
    // Nothing new since: no second alert.
    expect(newAlerts(state, second.memory).alerts).toEqual([]);
  });

  it('alerts a consultation invitation; its unseen lines count in the title', () => {
    const base = initialState(profile);
    const memory = newAlerts(base, null).memory;
    const invited = applyServerFrame(
      base,
      serverToAgentMessage('consult.invited', {
        conversationId: 'c9',
        from: { id: 'bruno', displayName: 'Bruno' },
        priority: 'routine',
        text: 'A question',
      }),
    );
    expect(newAlerts(invited, memory).alerts).toEqual([{ kind: 'consult', priority: 'routine' }]);
    const line = applyServerFrame(
      invited,
      serverToAgentMessage('consult.message', {
        conversationId: 'c9',
        consultantId: 'amelie',
        author: { id: 'bruno', displayName: 'Bruno' },
        text: 'A question',
      }),
    );
    expect(attentionCount(line)).toBe(1);
    expect(line.chat?.consults[0]).toMatchObject({ role: 'consultant', unseen: 1 });
  });
});

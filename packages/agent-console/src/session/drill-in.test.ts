import { type ServerToAgent, serverToAgentMessage } from '@baton/handoff-protocol';
import { describe, expect, it } from 'vitest';
import { applyDrillInFrame, isDrillInFrame } from './drill-in';
import { applyServerFrame, type ConsoleState, initialState } from './state';

const profile = {
  staffId: 'sam',
  displayName: 'Sam Lee',
  roles: ['supervisor' as const],
  clinical: false,
  queues: [],
};
const request = {
  reason: { kind: 'patient-requested' as const },
  priority: 'routine' as const,
  patient: { patientId: 'p1', displayName: 'Alex Martin', locale: 'en' },
  transcript: { entries: [] },
};

function receive(state: ConsoleState, frame: ServerToAgent): ConsoleState {
  return isDrillInFrame(state, frame)
    ? applyDrillInFrame(state, frame)
    : applyServerFrame(state, frame);
}

describe('drill-in', () => {
  it('keeps the watched conversation apart from one’s own, with whispers marked', () => {
    let state: ConsoleState = {
      ...initialState(profile),
      drillIn: { conversationId: 'c1', view: null, barged: false },
    };
    state = receive(
      state,
      serverToAgentMessage('conversation.transcript', {
        conversationId: 'c1',
        state: 'assigned',
        request,
        log: [
          { seq: 1, at: new Date().toISOString(), kind: 'message', from: 'patient', text: 'Hi' },
        ],
        lastSeq: 1,
      }),
    );
    expect(state.conversations).toEqual([]);
    expect(state.drillIn?.view?.items.map((i) => i.text)).toEqual(['Hi']);
    state = receive(
      state,
      serverToAgentMessage('whisper', {
        conversationId: 'c1',
        seq: 2,
        author: { id: 'sam', displayName: 'Sam Lee' },
        text: 'Offer Tuesday',
      }),
    );
    state = receive(
      state,
      serverToAgentMessage('supervisor.joined', {
        conversationId: 'c1',
        seq: 3,
        supervisor: { id: 'sam', displayName: 'Sam Lee' },
      }),
    );
    expect(state.drillIn?.view?.items.map((i) => [i.seq, i.kind, i.whisper ?? false])).toEqual([
      [1, 'message', false],
      [2, 'note', true],
      [3, 'event', false],
    ]);
    // Frames of other conversations are not the drill-in's.
    const other = serverToAgentMessage('typing', {
      conversationId: 'c2',
      from: 'patient',
      active: true,
    });
    expect(isDrillInFrame(state, other)).toBe(false);
  });
});

import { type HandoffRequest, serverToAgentMessage } from '@baton/handoff-protocol';
import { describe, expect, it } from 'vitest';
import { addOutgoing, logItem, markFailed } from './conversation-items';
import { readStaffProfile } from './staff-profile';
import { applyServerFrame, initialState, isClosed, sortQueue } from './state';

const profile = {
  staffId: 'amelie',
  displayName: 'Amelie',
  roles: ['agent' as const],
  clinical: false,
  queues: [],
};
const request: HandoffRequest = {
  reason: { kind: 'patient-requested' },
  priority: 'routine',
  patient: {
    patientId: 'p',
    displayName: 'Alex',
    locale: 'en',
    attributes: [
      { key: 'a', value: '1', displayable: true, clinical: false },
      { key: 'b', value: '2', displayable: true, clinical: true },
      { key: 'c', value: '3', displayable: false, clinical: false },
    ],
  },
  transcript: { entries: [] },
};

function assigned() {
  return applyServerFrame(
    initialState(profile),
    serverToAgentMessage('conversation.assigned', {
      conversationId: 'c-1',
      seq: 2,
      agent: { id: 'amelie', displayName: 'Amelie' },
      request,
    }),
  );
}

describe('console state', () => {
  it('orders the queue emergency first, then oldest first', () => {
    const item = (id: string, priority: 'routine' | 'urgent' | 'emergency', at: string) => ({
      conversationId: id,
      queue: 'q',
      priority,
      escalation: 'host' as const,
      patientDisplayName: id,
      locale: 'en',
      enqueuedAt: at,
      position: 1,
    });
    const sorted = sortQueue([
      item('old-routine', 'routine', '2026-01-01T10:00:00Z'),
      item('new-emergency', 'emergency', '2026-01-01T10:05:00Z'),
      item('new-routine', 'routine', '2026-01-01T10:01:00Z'),
      item('urgent', 'urgent', '2026-01-01T10:09:00Z'),
    ]);
    expect(sorted.map((i) => i.conversationId)).toEqual([
      'new-emergency',
      'urgent',
      'old-routine',
      'new-routine',
    ]);
  });

  it('drops non-displayable attributes, and clinical ones without the clinical flag', () => {
    const view = assigned().conversations[0]!;
    expect(view.request.patient.attributes?.map((a) => a.key)).toEqual(['a']);
  });

  it('turns a sent message into an acked one with its seq, once, whatever arrives first', () => {
    let state = addOutgoing(assigned(), 'c-1', 'message', 'm-1', 'Hi', '2026-01-01T10:00:00Z');
    expect(state.conversations[0]!.items[0]!.delivery).toBe('sending');
    // The transcript replay (no clientMessageId) lands before the retried ack.
    state = applyServerFrame(
      state,
      serverToAgentMessage('conversation.transcript', {
        conversationId: 'c-1',
        state: 'assigned',
        request,
        lastSeq: 3,
        log: [{ seq: 3, at: '2026-01-01T10:00:01Z', kind: 'message', from: 'agent', text: 'Hi' }],
      }),
    );
    state = applyServerFrame(
      state,
      serverToAgentMessage('ack', { conversationId: 'c-1', clientMessageId: 'm-1', seq: 3 }),
    );
    const items = state.conversations[0]!.items;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ key: 'cm-1', seq: 3, delivery: 'acked' });
    // The echo of the same message is ignored too.
    state = applyServerFrame(
      state,
      serverToAgentMessage('message', {
        conversationId: 'c-1',
        seq: 3,
        from: 'agent',
        clientMessageId: 'm-1',
        text: 'Hi',
      }),
    );
    expect(state.conversations[0]!.items).toHaveLength(1);
  });

  it('marks a refused message failed but never an acked one', () => {
    let state = addOutgoing(assigned(), 'c-1', 'message', 'm-1', 'Hi', '2026-01-01T10:00:00Z');
    state = markFailed(state, 'c-1', 'm-1', 'illegal_transition');
    expect(state.conversations[0]!.items[0]).toMatchObject({
      delivery: 'failed',
      failure: 'illegal_transition',
    });
  });

  it('counts unread patient messages outside the shown conversation', () => {
    let state = assigned();
    state = { ...state, activeConversationId: null };
    state = applyServerFrame(
      state,
      serverToAgentMessage('message', {
        conversationId: 'c-1',
        seq: 4,
        from: 'patient',
        text: 'Hello',
      }),
    );
    expect(state.conversations[0]!.unread).toBe(1);
  });

  it('closes a conversation transferred to another agent', () => {
    const state = applyServerFrame(
      assigned(),
      serverToAgentMessage('conversation.state', {
        conversationId: 'c-1',
        from: 'assigned',
        to: 'assigned',
        event: 'transfer_to_agent',
      }),
    );
    expect(isClosed(state.conversations[0]!)).toBe(true);
  });

  it('patches the supervisor dashboard', () => {
    const kpis = {
      at: '2026-01-01T10:00:00Z',
      botConversations: 0,
      queued: 1,
      withAgent: 0,
      agentsAvailable: 1,
      agentsBusy: 0,
      averageWaitSeconds: null,
      longestWaitSeconds: null,
      handledToday: 0,
      abandonedToday: 0,
      averageSurveyRating: null,
    };
    const summary = {
      conversationId: 'c-1',
      state: 'queued' as const,
      startedAt: kpis.at,
      stateSince: kpis.at,
      lastActivityAt: kpis.at,
    };
    let state = applyServerFrame(
      initialState(profile),
      serverToAgentMessage('supervisor.snapshot', { conversations: [summary], agents: [], kpis }),
    );
    state = applyServerFrame(
      state,
      serverToAgentMessage('supervisor.update', {
        upserted: [{ ...summary, conversationId: 'c-2', state: 'bot' }],
        removed: ['c-1'],
        kpis: { ...kpis, queued: 0 },
      }),
    );
    expect(state.supervisor?.conversations.map((c) => c.conversationId)).toEqual(['c-2']);
    expect(state.supervisor?.kpis.queued).toBe(0);
  });

  it('reads the staff profile from a token and refuses garbage', () => {
    const payload = Buffer.from(
      JSON.stringify({
        sub: 'amelie',
        name: 'Amélie',
        roles: ['agent', 'root'],
        clinical: true,
        queues: ['q'],
      }),
    ).toString('base64url');
    expect(readStaffProfile(`x.${payload}.y`)).toEqual({
      staffId: 'amelie',
      displayName: 'Amélie',
      roles: ['agent'],
      clinical: true,
      queues: ['q'],
    });
    expect(() => readStaffProfile('not-a-token')).toThrow(/staff token/);
  });
});

describe('appointment events in the chat pane', () => {
  it('carry when the appointment starts, live and from the replayed log', () => {
    const start = '2026-12-11T09:30:00.000Z';
    const live = applyServerFrame(
      assigned(),
      serverToAgentMessage('appointment.cancelled', {
        conversationId: 'c-1',
        seq: 3,
        appointment: {
          resourceType: 'Appointment',
          id: 'appt-1',
          status: 'cancelled',
          start,
          end: '2026-12-11T10:00:00.000Z',
        },
      }),
    );
    expect(live.conversations[0]?.items.at(-1)).toMatchObject({
      kind: 'event',
      event: 'appointment.cancelled',
      appointmentStart: start,
    });
    expect(
      logItem({
        seq: 4,
        at: '2026-12-06T10:00:00.000Z',
        from: 'system',
        kind: 'event',
        event: 'appointment.confirmed',
        appointmentStart: start,
      }),
    ).toMatchObject({ appointmentStart: start });
  });
});

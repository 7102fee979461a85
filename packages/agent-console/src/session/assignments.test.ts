import { type HandoffRequest, serverToAgentMessage } from '@baton/handoff-protocol';
import { describe, expect, it } from 'vitest';
import { newlyAssigned } from './assignments';
import { applyServerFrame, initialState, isClosed } from './state';

const profile = {
  staffId: 'amelie',
  displayName: 'Amelie',
  roles: ['agent' as const],
  clinical: false,
  queues: [],
};
const agent = { id: 'amelie', displayName: 'Amelie' };
const request: HandoffRequest = {
  reason: { kind: 'patient-requested' },
  priority: 'routine',
  patient: {
    patientId: 'p',
    displayName: 'Alex',
    locale: 'en',
    attributes: [{ key: 'b', value: '2', displayable: true, clinical: true }],
  },
  transcript: { entries: [] },
};
const assignments = (...ids: string[]) =>
  serverToAgentMessage('agent.assignments', {
    assignments: ids.map((conversationId) => ({
      conversationId,
      state: 'assigned' as const,
      lastSeq: 4,
      agent,
      request,
    })),
  });

describe('agent.assignments', () => {
  it('restores every held conversation after a reload and opens the first', () => {
    const before = initialState(profile);
    const frame = assignments('c-1', 'c-2');
    const state = applyServerFrame(before, frame);
    expect(state.conversations.map((c) => [c.conversationId, c.state, c.held])).toEqual([
      ['c-1', 'assigned', true],
      ['c-2', 'assigned', true],
    ]);
    expect(state.activeConversationId).toBe('c-1');
    // The log is replayed from seq 0 through `conversation.open`, not taken from the frame.
    expect(state.conversations[0]?.lastSeq).toBe(0);
    expect(state.conversations[0]?.request.patient.attributes).toEqual([]);
    expect(newlyAssigned(before, frame)).toEqual(['c-1', 'c-2']);
    expect(newlyAssigned(state, frame)).toEqual([]);
  });

  it('leaves the open conversation and the other agents’ entries alone', () => {
    let state = applyServerFrame(initialState(profile), assignments('c-1'));
    state = applyServerFrame(state, assignments('c-1', 'c-2'));
    expect(state.activeConversationId).toBe('c-1');
    const foreign = serverToAgentMessage('agent.assignments', {
      assignments: [
        {
          conversationId: 'c-9',
          state: 'assigned',
          lastSeq: 1,
          agent: { id: 'bruno', displayName: 'B' },
          request,
        },
      ],
    });
    expect(applyServerFrame(state, foreign).conversations).toHaveLength(2);
  });
});

describe('why a view closed', () => {
  const held = () => applyServerFrame(initialState(profile), assignments('c-1'));
  const change = (event: string, to: 'assigned' | 'ended' | 'queued', newHolder?: string) =>
    serverToAgentMessage('conversation.state', {
      conversationId: 'c-1',
      from: 'assigned',
      to,
      event,
      ...(newHolder ? { agent: { id: newHolder, displayName: 'Bruno Diaz' } } : {}),
    });

  it('a transfer to someone else closes it and names the new holder', () => {
    const view = applyServerFrame(held(), change('transfer_to_agent', 'assigned', 'bruno'))
      .conversations[0]!;
    expect(isClosed(view)).toBe(true);
    expect(view.closedBy).toEqual({
      event: 'transfer_to_agent',
      agent: { id: 'bruno', displayName: 'Bruno Diaz' },
    });
  });

  it('the end, the patient leaving and the grace requeue are told apart', () => {
    for (const [event, to] of [
      ['end', 'ended'],
      ['patient_leave', 'ended'],
      ['agent_disconnected', 'queued'],
    ] as const) {
      const view = applyServerFrame(held(), change(event, to)).conversations[0]!;
      expect(isClosed(view), event).toBe(true);
      expect(view.closedBy?.event).toBe(event);
    }
  });

  it('being given the conversation back clears the reason', () => {
    let state = applyServerFrame(held(), change('agent_disconnected', 'queued'));
    state = applyServerFrame(state, assignments('c-1'));
    expect(state.conversations[0]).toMatchObject({ held: true, state: 'assigned' });
    expect(state.conversations[0]?.closedBy).toBeUndefined();
  });
});

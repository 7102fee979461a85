import { serverToPatientMessage as frame, type ServerToPatient } from '@baton/handoff-protocol';
import { describe, expect, it } from 'vitest';
import { applyServerFrame, type HandoffState, initialHandoffState } from './state';
import { acknowledge, addPatientMessage, lastIncomingSeq, setDelivery } from './thread';

const C = 'c-1';
const agent = { id: 'amelie', displayName: 'Amelie Roux', initials: 'AR' };
const apply = (state: HandoffState, ...frames: ServerToPatient[]) =>
  frames.reduce(applyServerFrame, state);

describe('handoff state', () => {
  it('a supervisor barging in is a notice naming her; the agent keeps the chat', () => {
    const supervisor = { id: 'sam', displayName: 'Sam Lee' };
    const state = apply(
      initialHandoffState(C),
      frame('agent.joined', { conversationId: C, seq: 2, agent }),
      frame('log.hidden', { conversationId: C, seq: 3 }),
      frame('supervisor.joined', { conversationId: C, seq: 4, supervisor }),
    );
    expect(state.phase).toBe('assigned');
    expect(state.agent?.id).toBe('amelie');
    const last = state.items.at(-1);
    expect(last).toMatchObject({ kind: 'notice', notice: 'supervisor-joined', seq: 4 });
    expect(last?.agent?.displayName).toBe('Sam Lee');
  });

  it('an agent gone past her grace: back in the queue, first in line, the thread kept', () => {
    let state = apply(
      initialHandoffState(C),
      frame('agent.joined', { conversationId: C, seq: 2, agent }),
      frame('message', { conversationId: C, seq: 3, from: 'agent', text: 'Hello', agent }),
      frame('agent.left', {
        conversationId: C,
        seq: 4,
        agent,
        reason: 'disconnected',
        requeued: true,
      }),
    );
    expect(state.phase).toBe('queued');
    expect(state.agent).toBeUndefined();
    expect(state.items.map((i) => (i.kind === 'notice' ? i.notice : i.text))).toEqual([
      'joined',
      'Hello',
      'agent-left',
    ]);
    state = apply(
      state,
      frame('handoff.queued', {
        conversationId: C,
        queue: { queue: 'general', position: 1, estimatedWaitSeconds: null },
      }),
    );
    expect(state).toMatchObject({ phase: 'queued', queue: { position: 1 } });
  });

  it('goes requesting → queued → assigned → ended, with the thread in order', () => {
    let state = initialHandoffState(C);
    expect(state.phase).toBe('requesting');
    state = apply(
      state,
      frame('handoff.queued', {
        conversationId: C,
        queue: { queue: 'general', position: 2, estimatedWaitSeconds: null },
      }),
    );
    expect(state).toMatchObject({
      phase: 'queued',
      queue: { position: 2, estimatedWaitSeconds: null },
    });
    state = apply(state, frame('agent.joined', { conversationId: C, seq: 2, agent }));
    expect(state).toMatchObject({ phase: 'assigned', agent, lastSeq: 2 });
    expect(state.queue).toBeUndefined();
    state = addPatientMessage(state, 'm-1', 'Hello');
    expect(state.items.at(-1)).toMatchObject({ key: 'm-1', delivery: 'sending' });
    state = acknowledge(state, 'm-1', 3);
    expect(state.items.at(-1)).toMatchObject({ key: 'm-1', delivery: 'sent', seq: 3 });
    state = apply(
      state,
      frame('typing', { conversationId: C, from: 'agent', active: true }),
      frame('message', { conversationId: C, seq: 4, from: 'agent', agent, text: 'Hi' }),
    );
    expect(state.agentTyping).toBe(false); // a message ends the typing indicator
    expect(lastIncomingSeq(state)).toBe(4);
    state = apply(state, frame('read', { conversationId: C, by: 'agent', upToSeq: 3 }));
    expect(state.agentReadUpTo).toBe(3);
    state = apply(
      state,
      frame('handoff.ended', { conversationId: C, seq: 6, endedBy: 'agent', reason: 'resolved' }),
    );
    expect(state).toMatchObject({
      phase: 'ended',
      ended: { endedBy: 'agent', reason: 'resolved' },
    });
    expect(state.items.map((i) => i.key)).toEqual(['s2', 'm-1', 's4', 's6']);
  });

  it('slots in a late message in seq order and ignores a late state change', () => {
    // Two server nodes committing for one conversation: seq 6 may overtake seq 5. (A frame
    // held already never gets here: the session drops it with the protocol's `SeqInbox`.)
    const m = (seq: number, text: string) =>
      frame('message', { conversationId: C, seq, from: 'agent', text });
    let state = apply(initialHandoffState(C), m(4, 'four'), m(6, 'six'), m(5, 'five'));
    expect(state.items.map((i) => i.seq)).toEqual([4, 5, 6]);
    expect(state.lastSeq).toBe(6);
    state = apply(state, frame('agent.joined', { conversationId: C, seq: 3, agent }));
    expect(state.phase).toBe('requesting');
    expect(state.items).toHaveLength(3);
  });

  it('recognises its own message replayed by the server', () => {
    let state = addPatientMessage(initialHandoffState(C), 'm-1', 'Hello');
    state = apply(
      state,
      frame('message', {
        conversationId: C,
        seq: 3,
        from: 'patient',
        clientMessageId: 'm-1',
        text: 'Hello',
      }),
    );
    expect(state.items).toHaveLength(1);
    expect(state.items[0]).toMatchObject({ delivery: 'sent', seq: 3 });
  });

  it('keeps the known fallbacks of a failure, and follow-up offers', () => {
    let state = apply(
      initialHandoffState(C),
      frame('handoff.failed', {
        conversationId: C,
        seq: 2,
        reason: 'out-of-hours',
        fallbacks: ['callback', 'appointment'],
      }),
    );
    expect(state).toMatchObject({
      phase: 'failed',
      failure: { reason: 'out-of-hours', fallbacks: ['callback', 'appointment'] },
    });
    state = apply(
      state,
      frame('appointment.offer', {
        conversationId: C,
        seq: 3,
        offer: {
          offerId: 'o-1',
          slots: [
            {
              resourceType: 'Slot',
              id: 's-1',
              status: 'free',
              start: '2026-11-27T09:00:00+01:00',
              end: '2026-11-27T09:20:00+01:00',
            },
          ],
        },
      }),
    );
    expect(state.appointment).toMatchObject({ status: 'open', value: { offerId: 'o-1' } });
  });

  it('takes the state a resume reports, and returns to the bot', () => {
    let state = apply(
      initialHandoffState(C),
      frame('resumed', { conversationId: C, lastSeq: 5, state: 'assigned', agent }),
    );
    expect(state).toMatchObject({ phase: 'assigned', agent, lastSeq: 5 });
    state = apply(state, frame('returned_to_bot', { conversationId: C, seq: 6 }));
    expect(state.phase).toBe('returned');
    expect(setDelivery(state, 'nope', 'failed')).toEqual(state);
  });
});

import { serverToAgentMessage } from '@baton/handoff-protocol';
import { describe, expect, it } from 'vitest';
import { withConsultTranscript } from './chat-actions-state';
import { applyConsultFrame } from './consult-live';
import { applyServerFrame, type ConsoleState, initialState } from './state';

const profile = {
  staffId: 'ben',
  displayName: 'Ben Ode',
  roles: ['agent' as const],
  clinical: false,
  queues: ['general'],
};
const request = {
  reason: { kind: 'patient-requested' as const },
  priority: 'routine' as const,
  patient: { patientId: 'p1', displayName: 'Alex Martin', locale: 'en' },
  transcript: { entries: [] },
};
const at = new Date().toISOString();
const invited = serverToAgentMessage('consult.invited', {
  conversationId: 'c1',
  from: { id: 'ana', displayName: 'Ana Roux' },
  priority: 'routine',
  text: 'Look?',
});

function consulted(): ConsoleState {
  const state = applyServerFrame(initialState(profile), invited);
  const transcript = serverToAgentMessage('conversation.transcript', {
    conversationId: 'c1',
    state: 'assigned',
    request,
    log: [{ seq: 1, at, kind: 'message', from: 'patient', text: 'Hi' }],
    lastSeq: 1,
  });
  return { ...state, chat: withConsultTranscript(state.chat, 'ben', transcript) };
}

const logOf = (state: ConsoleState) =>
  state.chat?.consults.find((t) => t.conversationId === 'c1')?.transcript?.log ?? [];

describe('a consulted conversation followed live', () => {
  it('appends later messages and files once each, in seq order', () => {
    let state = consulted();
    const file = serverToAgentMessage('attachment', {
      conversationId: 'c1',
      seq: 3,
      from: 'patient',
      attachment: { id: 'f1', name: 'rash.png', contentType: 'image/png', size: 10 },
    });
    const message = serverToAgentMessage('message', {
      conversationId: 'c1',
      seq: 2,
      from: 'patient',
      text: 'It hurts more now',
    });
    for (const frame of [file, message, file]) state = applyConsultFrame(state, frame) ?? state;
    expect(logOf(state).map((e) => [e.seq, e.text, e.attachment?.id])).toEqual([
      [1, 'Hi', undefined],
      [2, 'It hurts more now', undefined],
      [3, undefined, 'f1'],
    ]);
  });

  it('leaves other frames alone: the thread itself, unopened and own conversations', () => {
    const state = consulted();
    const thread = serverToAgentMessage('consult.message', {
      conversationId: 'c1',
      consultantId: 'ben',
      author: { id: 'ana', displayName: 'Ana Roux' },
      text: 'Still there?',
      clientMessageId: 'x1',
    });
    expect(applyConsultFrame(state, thread)).toBeNull();
    const elsewhere = serverToAgentMessage('message', {
      conversationId: 'c2',
      seq: 2,
      from: 'patient',
      text: 'Hello',
    });
    expect(applyConsultFrame(state, elsewhere)).toBeNull();
    const unopened = applyServerFrame(initialState(profile), invited);
    const early = serverToAgentMessage('message', {
      conversationId: 'c1',
      seq: 2,
      from: 'patient',
      text: 'Hello',
    });
    expect(applyConsultFrame(unopened, early)).toBeNull();
  });

  it('marks the view closed when the conversation leaves its agent, with or without a seq', () => {
    const thread = (state: ConsoleState) =>
      state.chat?.consults.find((t) => t.conversationId === 'c1');
    const transferred = serverToAgentMessage('conversation.state', {
      conversationId: 'c1',
      from: 'assigned',
      to: 'assigned',
      event: 'transferred',
      seq: 2,
    });
    let state = applyConsultFrame(consulted(), transferred) ?? consulted();
    expect(thread(state)?.closed).toBeUndefined();
    const ended = serverToAgentMessage('conversation.state', {
      conversationId: 'c1',
      from: 'assigned',
      to: 'ended',
      event: 'handoff.ended',
      seq: 3,
    });
    state = applyConsultFrame(state, ended) ?? state;
    expect(thread(state)?.closed).toEqual({ to: 'ended', at: ended.ts });
    expect(logOf(state).map((e) => e.seq)).toEqual([1, 2, 3]);
    const requeued = serverToAgentMessage('conversation.state', {
      conversationId: 'c1',
      from: 'assigned',
      to: 'queued',
      event: 'agent.left',
    });
    expect(thread(applyConsultFrame(consulted(), requeued)!)?.closed?.to).toBe('queued');
  });
});

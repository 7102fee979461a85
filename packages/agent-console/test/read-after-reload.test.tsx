// @vitest-environment happy-dom
import { type HandoffRequest, serverToAgentMessage } from '@baton/handoff-protocol';
import { screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { applyServerFrame, initialState } from '../src/session/state';
import { Shell } from '../src/ui/Shell';
import { fakeSession } from './support/fake-session';
import { cleanupRendered, renderInConsole } from './support/render';

afterEach(cleanupRendered);

const at = new Date().toISOString();
const profile = {
  staffId: 'amelie',
  displayName: 'Amelie Roux',
  roles: ['agent' as const],
  clinical: false,
  queues: [],
};
const request: HandoffRequest = {
  reason: { kind: 'patient-requested' },
  priority: 'routine',
  patient: { patientId: 'p-1', displayName: 'Youssef Haddad', locale: 'en' },
  transcript: { entries: [] },
};
const amelie = { id: 'amelie', displayName: 'Amelie Roux' };

/** A reloaded console: the conversation comes back as a transcript, then the patient's mark. */
function reloaded(readUpTo: number | null) {
  let state = applyServerFrame(
    initialState(profile),
    serverToAgentMessage('conversation.assigned', {
      conversationId: 'c-1',
      seq: 1,
      agent: amelie,
      request,
    }),
  );
  state = applyServerFrame(
    state,
    serverToAgentMessage('conversation.transcript', {
      conversationId: 'c-1',
      state: 'assigned',
      request,
      lastSeq: 4,
      log: [
        { seq: 2, at, kind: 'message', from: 'agent', author: amelie, text: 'Hello, I am Amelie.' },
        { seq: 3, at, kind: 'message', from: 'patient', text: 'Thanks, a question' },
        { seq: 4, at, kind: 'message', from: 'agent', author: amelie, text: 'Go ahead.' },
      ],
    }),
  );
  if (readUpTo !== null)
    state = applyServerFrame(
      state,
      serverToAgentMessage('read', { conversationId: 'c-1', by: 'patient', upToSeq: readUpTo }),
    );
  const { session } = fakeSession({
    conversations: state.conversations,
    activeConversationId: 'c-1',
  });
  renderInConsole(<Shell session={session} />);
}

const marks = () =>
  [...screen.getByRole('log', { name: /Youssef Haddad/ }).querySelectorAll('.delivery')].map(
    (mark) => [mark.getAttribute('data-seq'), mark.textContent],
  );

describe('delivery marks of a reloaded console', () => {
  it('shows the logged agent messages as sent, and read up to the patient’s stored mark', () => {
    reloaded(2);
    expect(marks()).toEqual([
      ['2', 'Read'],
      ['4', 'Sent'],
    ]);
  });

  it('shows them sent when she has read nothing yet', () => {
    reloaded(null);
    expect(marks()).toEqual([
      ['2', 'Sent'],
      ['4', 'Sent'],
    ]);
  });
});

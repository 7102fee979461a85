// @vitest-environment happy-dom
import type { HandoffRequest, QueueItem } from '@baton/handoff-protocol';
import { screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConversationView } from '../src/session/state';
import { Shell } from '../src/ui/Shell';
import { fakeSession } from './support/fake-session';
import { act, cleanupRendered, renderInConsole, user } from './support/render';

afterEach(cleanupRendered);

const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000).toISOString();

function queueItem(overrides: Partial<QueueItem> = {}): QueueItem {
  return {
    conversationId: 'c-1',
    queue: 'cardiology',
    priority: 'routine',
    escalation: 'patient-requested',
    patientDisplayName: 'Alex Martin',
    locale: 'fr-FR',
    enqueuedAt: minutesAgo(3),
    position: 1,
    ...overrides,
  };
}

const HOSTILE = '<img src=x onerror="window.__pwned=1">';

function request(): HandoffRequest {
  return {
    reason: { kind: 'urgent' },
    priority: 'emergency',
    patient: {
      patientId: 'p-1',
      displayName: 'Alex Martin',
      locale: 'en',
      attributes: [
        { key: 'plan', label: 'Plan', value: 'Gold', displayable: true, clinical: false },
        {
          key: 'allergy',
          label: 'Allergy',
          value: 'Penicillin',
          displayable: true,
          clinical: true,
        },
        { key: 'mrn', label: 'MRN', value: 'MRN-1', displayable: false, clinical: false },
      ],
    },
    transcript: {
      entries: [
        { id: 'b1', from: 'bot', at: minutesAgo(5), text: 'How can I help?' },
        { id: 'p1', from: 'patient', at: minutesAgo(5), text: HOSTILE },
        {
          id: 'b2',
          from: 'bot',
          at: minutesAgo(4),
          cards: [
            { kind: 'hero', contentType: 'x', title: 'Clinics', summary: 'Three clinics nearby' },
          ],
        },
      ],
      truncated: { omittedEntries: 4, reason: 'entries' },
    },
  };
}

function conversation(overrides: Partial<ConversationView> = {}): ConversationView {
  return {
    conversationId: 'c-9',
    state: 'assigned',
    request: request(),
    agent: { id: 'amelie', displayName: 'Amelie Roux' },
    items: [
      {
        key: 's3',
        seq: 3,
        kind: 'message',
        from: 'patient',
        at: minutesAgo(2),
        text: 'Chest pain <b>now</b>',
      },
      {
        key: 'ca',
        seq: 4,
        kind: 'message',
        from: 'agent',
        at: minutesAgo(1),
        text: 'Please call 112.',
        clientMessageId: 'ca',
        delivery: 'acked',
      },
      {
        key: 'cb',
        seq: 5,
        kind: 'message',
        from: 'agent',
        at: minutesAgo(1),
        text: 'I am here.',
        clientMessageId: 'cb',
        delivery: 'acked',
      },
      {
        key: 'cc',
        kind: 'message',
        from: 'agent',
        at: minutesAgo(0),
        text: 'On its way',
        clientMessageId: 'cc',
        delivery: 'sending',
      },
      {
        key: 'cd',
        kind: 'message',
        from: 'agent',
        at: minutesAgo(0),
        text: 'Refused',
        clientMessageId: 'cd',
        delivery: 'failed',
        failure: 'illegal_transition',
      },
      {
        key: 's6',
        seq: 6,
        kind: 'note',
        from: 'agent',
        at: minutesAgo(0),
        text: 'Escalate to nurse',
        clientMessageId: 'ce',
        delivery: 'acked',
      },
    ],
    lastSeq: 6,
    patientTyping: true,
    patientReadUpToSeq: 4,
    readSentUpToSeq: 3,
    unread: 0,
    held: true,
    ...overrides,
  };
}

describe('agent view: queue', () => {
  it('lists waiting patients with priority, emergency badge, wait, language and reason', () => {
    const { session } = fakeSession({
      queue: [
        queueItem({ conversationId: 'c-2', priority: 'emergency', patientDisplayName: 'Sam Roe' }),
        queueItem(),
      ],
    });
    renderInConsole(<Shell session={session} />);
    const list = screen.getByRole('list', { name: '' }) as HTMLElement;
    const rows = within(list).getAllByRole('listitem');
    expect(rows).toHaveLength(2);
    expect(within(rows[0]!).getByText('Sam Roe')).toBeTruthy();
    expect(within(rows[0]!).getAllByText('Emergency').length).toBeGreaterThan(0);
    expect(within(rows[1]!).getByText('3 min')).toBeTruthy();
    expect(within(rows[1]!).getByText('French (France) (fr-FR)')).toBeTruthy();
    expect(within(rows[1]!).getByText('Asked for a person')).toBeTruthy();
    expect(within(rows[1]!).queryByText('Emergency')).toBeNull();
  });

  it('claims with the labelled Accept button, keyboard included', () => {
    const { session, calls } = fakeSession({ queue: [queueItem()] });
    renderInConsole(<Shell session={session} />);
    const accept = screen.getByRole('button', { name: 'Accept conversation with Alex Martin' });
    accept.focus();
    expect(document.activeElement).toBe(accept);
    // A native <button>: Enter activates it as a click.
    user.click(accept);
    expect(calls.claim).toHaveBeenCalledWith('c-1');
  });

  it('disables Accept while away and says why', () => {
    const { session } = fakeSession({ queue: [queueItem()], presence: 'away' });
    renderInConsole(<Shell session={session} />);
    const accept = screen.getByRole('button', { name: /Accept conversation/ }) as HTMLButtonElement;
    expect(accept.disabled).toBe(true);
    expect(
      screen.getByText('Set your presence to Available to accept conversations.'),
    ).toBeTruthy();
  });

  it('changes presence from the labelled switch', () => {
    const { session, calls } = fakeSession();
    renderInConsole(<Shell session={session} />);
    const presence = screen.getByLabelText('Presence') as HTMLSelectElement;
    user.change(presence, 'away');
    expect(calls.setPresence).toHaveBeenCalledWith('away');
  });

  it('announces a new waiting patient, assertively for an emergency', async () => {
    const { session, update } = fakeSession({ queue: [queueItem()] });
    renderInConsole(<Shell session={session} />);
    expect(screen.getByTestId('announce-polite').textContent).toBe('');
    await act(() =>
      update((s) => ({
        ...s,
        queue: [...s.queue, queueItem({ conversationId: 'c-3', patientDisplayName: 'Kim Lo' })],
      })),
    );
    expect(screen.getByTestId('announce-polite').textContent).toBe(
      'New patient waiting: Kim Lo, Routine.',
    );
    await act(() =>
      update((s) => ({
        ...s,
        queue: [...s.queue, queueItem({ conversationId: 'c-4', priority: 'emergency' })],
      })),
    );
    expect(screen.getByTestId('announce-assertive').textContent).toContain('Emergency');
  });

  it('clears the waiting-patient announcement once that patient is taken', async () => {
    const { session, update } = fakeSession({ queue: [] });
    renderInConsole(<Shell session={session} />);
    await act(() =>
      update((s) => ({
        ...s,
        queue: [queueItem({ conversationId: 'c-5', patientDisplayName: 'Kim Lo' })],
      })),
    );
    expect(screen.getByTestId('announce-polite').textContent).toBe(
      'New patient waiting: Kim Lo, Routine.',
    );
    await act(() => update((s) => ({ ...s, queue: [] })));
    expect(screen.getByTestId('announce-polite').textContent).toBe('');
  });

  it('shows a clear message when another agent won the claim', () => {
    const { session, calls } = fakeSession({
      notices: [
        {
          id: 'n1',
          kind: 'claim-conflict',
          action: 'conversation.claim',
          code: 'conflict',
          message: 'x',
        },
      ],
    });
    renderInConsole(<Shell session={session} />);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Another agent already accepted this conversation.');
    user.click(within(alert).getByRole('button', { name: 'Dismiss' }));
    expect(calls.dismissNotice).toHaveBeenCalledWith('n1');
  });

  it('shows an unavailable offer as an error', () => {
    const { session } = fakeSession({
      notices: [
        {
          id: 'n2',
          kind: 'action-failed',
          action: 'call.offer',
          code: 'unavailable',
          message: 'x',
        },
      ],
    });
    renderInConsole(<Shell session={session} />);
    expect(screen.getByRole('alert').textContent).toContain(
      'Offer call failed: not available on this server yet',
    );
  });
});

describe('agent view: conversation', () => {
  it('renders transcript and chat as inert text, never HTML', () => {
    const { session } = fakeSession({
      conversations: [conversation()],
      activeConversationId: 'c-9',
    });
    const { container } = renderInConsole(<Shell session={session} />);
    expect(screen.getByText(HOSTILE)).toBeTruthy();
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('.chat-log b')).toBeNull();
    expect(screen.getByText('Chest pain <b>now</b>')).toBeTruthy();
    expect(screen.getByText('4 earlier entries were left out.')).toBeTruthy();
    expect(screen.getByText('Three clinics nearby')).toBeTruthy();
  });

  it('shows only displayable patient attributes, clinical ones labelled', () => {
    const { session } = fakeSession({
      conversations: [conversation()],
      activeConversationId: 'c-9',
    });
    renderInConsole(<Shell session={session} />);
    const context = screen.getByRole('region', { name: 'Patient' });
    expect(within(context).getByText('Gold')).toBeTruthy();
    expect(within(context).getByText('Penicillin')).toBeTruthy();
    expect(within(context).getByText('Clinical')).toBeTruthy();
    expect(within(context).queryByText('MRN-1')).toBeNull();
  });

  it('has a role=log chat with delivery states, read receipts, typing and a distinct note', () => {
    const { session, calls } = fakeSession({
      conversations: [conversation()],
      activeConversationId: 'c-9',
    });
    renderInConsole(<Shell session={session} />);
    const log = screen.getByRole('log', { name: 'Chat with Alex Martin' });
    // The log starts with the bot conversation before the handoff, then the live chat.
    expect(log.firstElementChild?.matches('details.bot-transcript')).toBe(true);
    expect(within(log).getByText('Before the handoff')).toBeTruthy();
    const items = [...log.querySelectorAll<HTMLElement>('.chat-items > li')];
    expect(items.map((i) => i.querySelector('.delivery')?.textContent ?? '')).toEqual([
      '',
      'Read',
      'Sent',
      'Sending…',
      'Not sent: not possible in this state',
      '',
    ]);
    const note = items[5]!;
    expect(note.className).toContain('note');
    expect(note.textContent).toContain('Internal note — not sent to the patient');
    expect(screen.getByText('Alex Martin is typing…')).toBeTruthy();
    expect(calls.markRead).toHaveBeenCalledWith('c-9');
  });

  it('keeps what she typed in a conversation while she works another one', () => {
    const other = conversation({ conversationId: 'c-10' });
    const { session, calls, update } = fakeSession({
      conversations: [conversation(), other],
      activeConversationId: 'c-9',
    });
    renderInConsole(<Shell session={session} />);
    const composer = () => screen.getByLabelText('Message to the patient') as HTMLTextAreaElement;
    user.input(composer(), 'Your results are');
    act(() => update((s) => ({ ...s, activeConversationId: 'c-10' })));
    // The other patient's composer does not carry it.
    expect(composer().value).toBe('');
    user.click(screen.getByLabelText('Internal note'));
    user.input(screen.getByRole('textbox', { name: 'Internal note' }), 'Ask about allergies');
    act(() => update((s) => ({ ...s, activeConversationId: 'c-9' })));
    expect(composer().value).toBe('Your results are');
    act(() => update((s) => ({ ...s, activeConversationId: 'c-10' })));
    const note = screen.getByRole('textbox', { name: 'Internal note' }) as HTMLTextAreaElement;
    expect(note.value).toBe('Ask about allergies');
    act(() => update((s) => ({ ...s, activeConversationId: 'c-9' })));
    user.keyDown(composer(), 'Enter');
    expect(calls.sendMessage).toHaveBeenCalledWith('c-9', 'Your results are', 'markdown');
    // Sent: nothing of it comes back.
    act(() => update((s) => ({ ...s, activeConversationId: 'c-10' })));
    act(() => update((s) => ({ ...s, activeConversationId: 'c-9' })));
    expect(composer().value).toBe('');
  });

  it('sends with Enter and adds notes in note mode', () => {
    const { session, calls } = fakeSession({
      conversations: [conversation()],
      activeConversationId: 'c-9',
    });
    renderInConsole(<Shell session={session} />);
    const input = screen.getByLabelText('Message to the patient') as HTMLTextAreaElement;
    user.input(input, 'Hello there');
    expect(calls.setTyping).toHaveBeenCalledWith('c-9', true);
    user.keyDown(input, 'Enter');
    expect(calls.sendMessage).toHaveBeenCalledWith('c-9', 'Hello there', 'markdown');

    user.click(screen.getByLabelText('Internal note'));
    const noteInput = screen.getByRole('textbox', { name: 'Internal note' });
    user.input(noteInput, 'Call back tomorrow');
    user.click(screen.getByRole('button', { name: 'Add note' }));
    expect(calls.addNote).toHaveBeenCalledWith('c-9', 'Call back tomorrow');
  });

  it('transfers through a dialog that Escape closes', () => {
    const { session, calls } = fakeSession({
      conversations: [conversation()],
      activeConversationId: 'c-9',
      chat: {
        available: {
          'c-9': {
            survey: true,
            transfer: {
              agents: [
                {
                  agent: { id: 'bruno', displayName: 'Bruno Diaz' },
                  presence: 'available',
                  queues: ['cardiology'],
                  load: 1,
                  capacity: 3,
                },
              ],
              queues: ['cardiology', 'nursing'],
            },
            consult: { agents: [] },
            wrapUp: { dispositions: [{ code: 'resolved', label: 'Resolved' }] },
          },
        },
        wrapUps: {},
        consults: [],
      },
    });
    renderInConsole(<Shell session={session} />);
    expect(calls.listActions).toHaveBeenCalledWith('c-9');
    const opener = screen.getByRole('button', { name: 'Transfer' });
    opener.focus();
    user.click(opener);
    const dialog = screen.getByRole('dialog', { name: 'Transfer the conversation' });
    user.keyDown(dialog, 'Escape');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);

    // An agent from the server's list, with presence and load shown.
    user.click(screen.getByRole('button', { name: 'Transfer' }));
    const bruno = screen.getByRole('radio', { name: 'Bruno Diaz' });
    expect(screen.getByText(/Available · 1 of 3 chats/)).toBeTruthy();
    user.click(bruno);
    user.click(screen.getByRole('button', { name: 'Confirm' }));
    expect(calls.transfer).toHaveBeenCalledWith(
      'c-9',
      { kind: 'agent', agentId: 'bruno' },
      undefined,
    );

    // Or a queue.
    user.click(screen.getByRole('button', { name: 'Transfer' }));
    user.click(screen.getByRole('radio', { name: 'A queue' }));
    user.change(screen.getByLabelText('Queue name'), 'nursing');
    user.input(screen.getByLabelText('Note for the next person (internal)'), 'Dosage question');
    user.click(screen.getByRole('button', { name: 'Confirm' }));
    expect(calls.transfer).toHaveBeenCalledWith(
      'c-9',
      { kind: 'queue', queue: 'nursing' },
      'Dosage question',
    );
  });

  it('ends after confirmation, returns to bot, and offers a survey', () => {
    const { session, calls } = fakeSession({
      conversations: [conversation()],
      activeConversationId: 'c-9',
    });
    renderInConsole(<Shell session={session} />);
    user.click(screen.getByRole('button', { name: 'End conversation' }));
    const dialog = screen.getByRole('dialog', { name: 'End conversation' });
    user.click(within(dialog).getByRole('button', { name: 'Confirm' }));
    expect(calls.end).toHaveBeenCalledWith('c-9', 'resolved');
    user.click(screen.getByRole('button', { name: 'Return to bot' }));
    expect(calls.returnToBot).toHaveBeenCalledWith('c-9');
    user.click(screen.getByRole('button', { name: 'Offer survey' }));
    expect(calls.offerSurvey).toHaveBeenCalledWith(
      'c-9',
      expect.objectContaining({
        id: 'csat-1',
        questions: [expect.objectContaining({ kind: 'rating' })],
      }),
    );
    // Appointment and call need the host's systems: hidden without them.
    expect(screen.queryByRole('button', { name: 'Offer appointment' })).toBeNull();
  });

  it('shows a closed conversation without a composer', () => {
    const { session, calls } = fakeSession({
      conversations: [conversation({ state: 'ended' })],
      activeConversationId: 'c-9',
    });
    renderInConsole(<Shell session={session} />);
    expect(screen.queryByLabelText('Message to the patient')).toBeNull();
    expect(screen.getByText('This conversation is closed (Ended).')).toBeTruthy();
    user.click(screen.getByRole('button', { name: 'Close tab' }));
    expect(calls.dismiss).toHaveBeenCalledWith('c-9');
  });

  it('announces a new patient message in a conversation that is not on screen', async () => {
    const other = conversation({ conversationId: 'c-10', items: [] });
    const { session, update } = fakeSession({
      conversations: [conversation(), other],
      activeConversationId: 'c-9',
    });
    renderInConsole(<Shell session={session} />);
    await act(() =>
      update((s) => ({
        ...s,
        conversations: s.conversations.map((c) =>
          c.conversationId === 'c-10'
            ? {
                ...c,
                unread: 1,
                items: [
                  {
                    key: 's9',
                    seq: 9,
                    kind: 'message',
                    from: 'patient',
                    at: minutesAgo(0),
                    text: 'Hi?',
                  },
                ],
              }
            : c,
        ),
      })),
    );
    expect(screen.getByTestId('announce-polite').textContent).toBe('New message from Alex Martin.');
  });
});

// @vitest-environment happy-dom
import type { ContentItem, HandoffRequest } from '@baton/handoff-protocol';
import { screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConversationView } from '../src/session/state';
import { Shell } from '../src/ui/Shell';
import { fakeSession } from './support/fake-session';
import { act, cleanupRendered, renderInConsole, user } from './support/render';

afterEach(cleanupRendered);

const request: HandoffRequest = {
  reason: { kind: 'patient-requested', detail: 'phrase-list' },
  priority: 'routine',
  patient: { patientId: 'p-1', displayName: 'Alex Martin', locale: 'en' },
  transcript: { entries: [] },
  // What the browser stated is never a variable's value.
  statedByPatient: { displayName: 'Mallory' },
};

const view: ConversationView = {
  conversationId: 'c-9',
  state: 'assigned',
  request,
  items: [],
  lastSeq: 0,
  patientTyping: false,
  patientReadUpToSeq: 0,
  readSentUpToSeq: 0,
  unread: 0,
  held: true,
};

const item = (
  over: Partial<ContentItem> & Pick<ContentItem, 'id' | 'kind' | 'title'>,
): ContentItem => ({
  queue: 'cardiology',
  body: '',
  version: 1,
  retired: false,
  updatedAt: '2026-11-26T08:00:00.000Z',
  updatedBy: 'ada',
  ...over,
});

const ITEMS: ContentItem[] = [
  item({
    id: 'c1',
    kind: 'canned',
    title: 'Greeting',
    shortcut: 'hello',
    body: 'Hello {patient.firstName}, {agent.name} here.',
  }),
  item({
    id: 'c2',
    kind: 'canned',
    title: 'Help',
    shortcut: 'help',
    body: 'How can I help in {queue}? {patient.dob}',
  }),
  item({
    id: 'a1',
    kind: 'article',
    title: 'Parking',
    body: 'Car park B.',
    tags: ['access'],
    link: 'https://example.org/visit',
  }),
  item({
    id: 'm1',
    kind: 'macro',
    title: 'Wrap up with survey',
    actions: [
      { kind: 'message', text: 'Bye {patient.firstName}' },
      { kind: 'survey' },
      { kind: 'end', reason: 'resolved' },
    ],
  }),
];

function withContent(profile = {}) {
  const fake = fakeSession({ conversations: [view], activeConversationId: 'c-9' }, profile);
  renderInConsole(<Shell session={fake.session} />);
  expect(fake.calls.loadConversationContent).toHaveBeenCalledWith('c-9');
  act(() => {
    fake.calls.content.expect('list-1', { kind: 'conversation', conversationId: 'c-9' });
    fake.calls.content.apply({
      v: 1,
      type: 'content.items',
      id: 's-1',
      ts: '2026-11-26T08:00:00.000Z',
      inReplyTo: 'list-1',
      queue: 'cardiology',
      items: ITEMS,
    });
  });
  return fake;
}

describe('agent content in the console', () => {
  it('/ opens the canned responses; arrows choose, Enter inserts with trusted variables only', () => {
    const { calls } = withContent();
    const input = screen.getByLabelText('Message to the patient') as HTMLTextAreaElement;
    user.input(input, '/he');
    const list = screen.getByRole('listbox', { name: 'Canned responses' });
    expect(
      within(list)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual([expect.stringContaining('/hello'), expect.stringContaining('/help')]);
    expect(input.getAttribute('aria-activedescendant')).toBe('canned-c-9-0');
    user.keyDown(input, 'ArrowDown');
    expect(input.getAttribute('aria-activedescendant')).toBe('canned-c-9-1');
    user.keyDown(input, 'Enter');
    // {queue} from the server, {patient.dob} unknown: left visible, never guessed.
    expect(input.value).toBe('How can I help in cardiology? {patient.dob}');
    expect(calls.sendMessage).not.toHaveBeenCalled();
    expect(screen.queryByRole('listbox')).toBeNull();

    user.input(input, 'Sure. /hello');
    user.keyDown(input, 'Enter');
    // The verified name, not what the browser stated; the signed-in agent's name.
    expect(input.value).toBe('Sure. Hello Alex, Amelie Roux here.');
    user.keyDown(input, 'Enter');
    expect(calls.sendMessage).toHaveBeenCalledWith(
      'c-9',
      'Sure. Hello Alex, Amelie Roux here.',
      'markdown',
    );

    user.input(input, '/zzz');
    expect(screen.getByText('No canned response matches /zzz.')).toBeTruthy();
    user.keyDown(input, 'Escape');
    expect(screen.queryByText('No canned response matches /zzz.')).toBeNull();
  });

  it('knowledge search inserts a snippet or a link; a macro runs its actions in order after confirmation', () => {
    const { calls } = withContent();
    user.click(screen.getByRole('tab', { name: 'Assist' }));
    user.click(screen.getByRole('tab', { name: 'Knowledge' }));
    user.input(screen.getByLabelText('Search articles'), 'access');
    user.click(screen.getByRole('button', { name: 'Insert link' }));
    const input = screen.getByLabelText('Message to the patient') as HTMLTextAreaElement;
    expect(input.value).toBe('[Parking](https://example.org/visit)');
    user.input(screen.getByLabelText('Search articles'), 'nothing like this');
    expect(screen.getAllByText('No article matches.').length).toBeGreaterThan(0);

    user.click(screen.getByRole('tab', { name: 'Macros' }));
    user.click(screen.getByRole('button', { name: 'Run…' }));
    const dialog = screen.getByRole('dialog', { name: 'Run “Wrap up with survey”?' });
    expect(dialog.textContent).toContain('Send: Bye Alex');
    user.click(within(dialog).getByRole('button', { name: 'Run it' }));
    expect(calls.sendMessage).toHaveBeenCalledWith('c-9', 'Bye Alex');
    expect(calls.offerSurvey).toHaveBeenCalledTimes(1);
    expect(calls.end).toHaveBeenCalledWith('c-9', 'resolved');
    const order = [calls.sendMessage, calls.offerSurvey, calls.end].map(
      (fn) => fn.mock.invocationCallOrder[0]!,
    );
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('admins get a Content screen: a draft the kind cannot use is refused, a valid one is saved', () => {
    const fake = fakeSession({}, { roles: ['admin'], queues: [] });
    renderInConsole(<Shell session={fake.session} />);
    expect(screen.queryByRole('button', { name: 'Conversations' })).toBeNull();
    // An administrator lands on Administration; Content is one click away.
    user.click(screen.getByRole('button', { name: 'Content' }));
    expect(fake.calls.loadAllContent).toHaveBeenCalled();
    user.click(screen.getByRole('button', { name: 'New item' }));
    // A script without steps: refused in the form, nothing sent.
    user.change(screen.getByLabelText('Kind'), 'script');
    user.input(screen.getByLabelText('Title'), 'Triage');
    user.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.getByText(/^Fill in the title/).getAttribute('role')).toBe('alert');
    expect(fake.calls.saveContent).not.toHaveBeenCalled();
    user.input(
      screen.getByLabelText(/^Steps, one per line/),
      'Greet | Hello {patient.firstName}\n\nHow can I help?',
    );
    user.click(screen.getByRole('button', { name: 'Save' }));
    expect(fake.calls.saveContent).toHaveBeenLastCalledWith({
      kind: 'script',
      queue: null,
      title: 'Triage',
      body: '',
      steps: [{ label: 'Greet', text: 'Hello {patient.firstName}' }, { text: 'How can I help?' }],
    });
    user.click(screen.getByRole('button', { name: 'New item' }));
    user.change(screen.getByLabelText('Kind'), 'canned');
    user.input(screen.getByLabelText('Title'), 'Greeting');
    user.input(screen.getByLabelText('Text (markdown)'), 'Hello {patient.firstName}');
    user.input(screen.getByLabelText('Shortcut (after /)'), '/hello');
    user.input(screen.getByLabelText('Queue (empty: all queues)'), 'cardiology');
    user.click(screen.getByRole('button', { name: 'Save' }));
    expect(fake.calls.saveContent).toHaveBeenLastCalledWith({
      kind: 'canned',
      queue: 'cardiology',
      title: 'Greeting',
      body: 'Hello {patient.firstName}',
      shortcut: 'hello',
    });
  });

  it('is translated in French and Spanish', () => {
    for (const [locale, tab, hint] of [
      ['fr', 'Aide', 'Tapez / pour les réponses types'],
      ['es', 'Ayuda', 'Escriba / para las respuestas predefinidas'],
    ] as const) {
      const fake = fakeSession({ conversations: [view], activeConversationId: 'c-9' });
      renderInConsole(<Shell session={fake.session} />, { locale });
      expect(screen.getByRole('tab', { name: tab })).toBeTruthy();
      expect(screen.getByText(new RegExp(hint))).toBeTruthy();
      cleanupRendered();
    }
  });
});

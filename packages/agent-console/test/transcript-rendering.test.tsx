// @vitest-environment happy-dom
import type { HandoffRequest } from '@baton/handoff-protocol';
import { screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConversationView } from '../src/session/state';
import { Shell } from '../src/ui/Shell';
import { fakeSession } from './support/fake-session';
import { cleanupRendered, renderInConsole, user } from './support/render';

afterEach(cleanupRendered);

const at = new Date().toISOString();

function request(): HandoffRequest {
  return {
    reason: {
      kind: 'urgent',
      detail: 'red-flag',
      matchedText: 'chest pain',
      guidance: { emergencyNumber: '911', text: 'Call 911 now. Do not wait for a reply here.' },
    },
    priority: 'emergency',
    patient: { patientId: 'p-1', displayName: 'Alex Martin', locale: 'en' },
    transcript: {
      entries: [
        {
          id: 'b1',
          from: 'bot',
          at,
          text: 'Call **now**, see [advice](javascript:alert(1)) or [site](https://example.org/a)',
          textFormat: 'markdown',
        },
        { id: 'p1', from: 'patient', at, text: 'Age: 54, Duration: 2 days', textFormat: 'plain' },
        { id: 'p2', from: 'patient', at, text: 'my **own** words', textFormat: 'plain' },
      ],
    },
  };
}

function conversation(): ConversationView {
  return {
    conversationId: 'c-9',
    state: 'assigned',
    request: request(),
    agent: { id: 'amelie', displayName: 'Amelie Roux' },
    items: [
      {
        key: 's4',
        seq: 4,
        kind: 'message',
        from: 'agent',
        at,
        text: 'Please **stay** on the line',
        textFormat: 'markdown',
      },
      { key: 's5', seq: 5, kind: 'message', from: 'patient', at, text: 'ok **sure**' },
    ],
    lastSeq: 5,
    patientTyping: false,
    patientReadUpToSeq: 0,
    readSentUpToSeq: 0,
    unread: 0,
    held: true,
  };
}

function show() {
  const { session, calls } = fakeSession({
    conversations: [conversation()],
    activeConversationId: 'c-9',
  });
  renderInConsole(<Shell session={session} />);
  return calls;
}

describe('console transcript rendering', () => {
  it('renders bot markdown with the shared inert renderer; links only through the allowlist', () => {
    show();
    const transcript = document.querySelector('.bot-transcript') as HTMLElement;
    const bot = transcript.querySelector('.from-bot') as HTMLElement;
    expect(bot.querySelector('strong')?.textContent).toBe('now');
    const links = [...bot.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['https://example.org/a']);
    expect(links[0]?.getAttribute('rel')).toBe('noopener noreferrer');
    expect(bot.textContent).toContain('advice');
    // The patient's plain text stays text: asterisks are what they typed.
    expect(within(transcript).getByText('my **own** words')).toBeTruthy();
    expect(within(transcript).getByText('Age: 54, Duration: 2 days')).toBeTruthy();
  });

  it('renders an agent markdown message and leaves patient text literal', () => {
    show();
    const log = screen.getByRole('log', { name: 'Chat with Alex Martin' });
    const [agent, patient] = [...log.querySelectorAll<HTMLElement>('.chat-items > li')];
    expect(agent?.querySelector('strong')?.textContent).toBe('stay');
    expect(patient?.querySelector('strong')).toBeNull();
    expect(patient?.textContent).toContain('ok **sure**');
  });

  it('shows the red flag and the guidance the patient was shown', () => {
    show();
    const context = document.querySelector('.patient-context') as HTMLElement;
    expect(within(context).getByText('Red flag')).toBeTruthy();
    expect(within(context).getByText('chest pain')).toBeTruthy();
    expect(within(context).getByText('Shown to the patient')).toBeTruthy();
    expect(within(context).getByText('Call 911 now. Do not wait for a reply here.')).toBeTruthy();
  });

  it('previews the draft as the patient will see it and sends it as markdown', () => {
    const calls = show();
    const input = screen.getByLabelText('Message to the patient') as HTMLTextAreaElement;
    user.input(input, 'Take **two** tablets');
    const toggle = screen.getByRole('button', { name: 'Preview' });
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    user.click(toggle);
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    const preview = screen.getByRole('region', { name: 'Preview' });
    expect(preview.querySelector('strong')?.textContent).toBe('two');
    user.keyDown(input, 'Enter');
    expect(calls.sendMessage).toHaveBeenCalledWith('c-9', 'Take **two** tablets', 'markdown');
  });
});

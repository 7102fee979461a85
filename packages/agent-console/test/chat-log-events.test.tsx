// @vitest-environment happy-dom
import { screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChatItem, ConversationView } from '../src/session/state';
import { ChatLog } from '../src/ui/ChatLog';
import { cleanupRendered, renderInConsole } from './support/render';
import { sampleRequest } from './support/server';

afterEach(cleanupRendered);

const at = '2026-12-06T10:00:00.000Z';
const joined = (
  seq: number,
  id: string,
  displayName: string,
  event = 'agent.joined',
): ChatItem => ({
  key: `s${seq}`,
  seq,
  kind: 'event',
  from: 'system',
  at,
  event,
  author: { id, displayName },
});

function view(items: ChatItem[]): ConversationView {
  return {
    conversationId: 'c-1',
    state: 'assigned',
    request: sampleRequest(),
    items,
    lastSeq: items.length,
    patientTyping: false,
    patientReadUpToSeq: 0,
    readSentUpToSeq: 0,
    unread: 0,
    held: true,
  };
}

describe('the chat log’s join events', () => {
  it('after a transfer, each “agent joined” says which agent (the server sends who)', () => {
    renderInConsole(
      <ChatLog
        view={view([
          joined(1, 'amelie', 'Amélie Roux'),
          joined(2, 'amelie', 'Amélie Roux', 'agent.left'),
          joined(3, 'bruno', 'Bruno Diaz'),
        ])}
      />,
      { locale: 'fr' },
    );
    const events = screen.getAllByRole('listitem').map((li) => li.textContent ?? '');
    expect(events[0]).toContain('(Amélie Roux)');
    expect(events[1]).toContain('(Amélie Roux)');
    expect(events[2]).toContain('(Bruno Diaz)');
  });
});

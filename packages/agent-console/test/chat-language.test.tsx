// @vitest-environment happy-dom
import type { HandoffRequest, QueueItem } from '@baton/handoff-protocol';
import { screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConversationView } from '../src/session/state';
import { Shell } from '../src/ui/Shell';
import { fakeSession } from './support/fake-session';
import { cleanupRendered, renderInConsole } from './support/render';

// A patient on an English portal page who picks Español in the widget: the signed context
// says `en`, the chat is in Spanish. The agent sees both at once, each saying where it comes
// from; the picked language is never shown as verified.

afterEach(cleanupRendered);

const request: HandoffRequest = {
  reason: { kind: 'patient-requested' },
  priority: 'routine',
  patient: { patientId: 'p-1', displayName: 'Sofia García', locale: 'en' },
  statedByPatient: { locale: 'es' },
  transcript: { entries: [] },
};

const conversation: ConversationView = {
  conversationId: 'c-9',
  state: 'assigned',
  request,
  agent: { id: 'amelie', displayName: 'Amelie Roux' },
  items: [],
  lastSeq: 0,
  patientTyping: false,
  patientReadUpToSeq: 0,
  readSentUpToSeq: 0,
  unread: 0,
  held: true,
};

function languageRow(panel: HTMLElement, label: string): HTMLElement {
  const row = [...panel.querySelectorAll<HTMLElement>(':scope > dl > div')].find(
    (div) => div.querySelector('dt')?.textContent === label,
  );
  if (!row) throw new Error(`no row "${label}"`);
  return row;
}

describe('portal language and chat language', () => {
  it('names the portal language as verified and the chat language as stated, side by side', () => {
    const { session } = fakeSession({ conversations: [conversation], activeConversationId: 'c-9' });
    renderInConsole(<Shell session={session} />);
    const panel = screen.getByRole('region', { name: 'Patient' });
    const row = languageRow(panel, 'Portal language (verified sign-in)');
    expect(row.textContent).toContain('English (en)');
    const chat = row.querySelector('.chat-language');
    expect(chat?.textContent).toContain('Stated by the patient (not verified)');
    expect(chat?.textContent).toContain('Chats in Spanish (es), picked in the chat');
    // No bare "Language" row that reads as the language of the chat.
    expect(within(panel).queryByText('Language', { exact: true })).toBeNull();
  });

  it('says nothing more when the chat is in the portal’s language', () => {
    const same = { ...conversation, request: { ...request, statedByPatient: { locale: 'en-GB' } } };
    const { session } = fakeSession({ conversations: [same], activeConversationId: 'c-9' });
    renderInConsole(<Shell session={session} />);
    const panel = screen.getByRole('region', { name: 'Patient' });
    const row = languageRow(panel, 'Portal language (verified sign-in)');
    expect(row.querySelector('.chat-language')).toBeNull();
  });

  it('is translated in French and Spanish', () => {
    const { session } = fakeSession({ conversations: [conversation], activeConversationId: 'c-9' });
    renderInConsole(<Shell session={session} />, { locale: 'fr' });
    let panel = screen.getByRole('region', { name: 'Patient' });
    let row = languageRow(panel, 'Langue du portail (connexion vérifiée)');
    expect(row.querySelector('.chat-language')?.textContent).toMatch(
      /Écrit en espagnol \(es\), choisi dans le chat/,
    );
    cleanupRendered();
    const again = fakeSession({ conversations: [conversation], activeConversationId: 'c-9' });
    renderInConsole(<Shell session={again.session} />, { locale: 'es' });
    panel = screen.getByRole('region', { name: 'Paciente' });
    row = languageRow(panel, 'Idioma del portal (inicio de sesión verificado)');
    expect(row.textContent).toContain('inglés (en)');
    expect(row.querySelector('.chat-language')?.textContent).toMatch(
      /Escribe en español \(es\), elegido en el chat/,
    );
  });

  it('queue rows say the language is the portal’s, by name', () => {
    const item: QueueItem = {
      conversationId: 'c-1',
      queue: 'general',
      priority: 'routine',
      escalation: 'patient-requested',
      patientDisplayName: 'Sofia García',
      locale: 'en',
      enqueuedAt: new Date().toISOString(),
      position: 1,
    };
    renderInConsole(<Shell session={fakeSession({ queue: [item] }).session} />);
    const row = screen.getAllByRole('listitem').find((li) => li.textContent?.includes('Sofia'))!;
    expect(row.textContent).toContain('Portal languageEnglish (en)');
  });
});

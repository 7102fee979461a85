// @vitest-environment happy-dom
import { HANDOFF_INITIATE_NOTICE, type HandoffRequest } from '@baton/handoff-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConversationView } from '../src/session/state';
import { Shell } from '../src/ui/Shell';
import { fakeSession } from './support/fake-session';
import { cleanupRendered, renderInConsole } from './support/render';

afterEach(cleanupRendered);

const at = new Date().toISOString();

function conversation(): ConversationView {
  const request: HandoffRequest = {
    reason: { kind: 'bot-initiated' },
    priority: 'routine',
    patient: { patientId: 'p-1', displayName: 'Aiko Tanaka', locale: 'en' },
    transcript: {
      entries: [
        { id: 'b1', from: 'bot', at, text: 'Let me connect you.', textFormat: 'plain' },
        { id: 's1', from: 'system', at, text: HANDOFF_INITIATE_NOTICE, textFormat: 'plain' },
        // The same words typed by the patient stay hers, untranslated.
        { id: 'p1', from: 'patient', at, text: HANDOFF_INITIATE_NOTICE, textFormat: 'plain' },
      ],
    },
  };
  return {
    conversationId: 'c-1',
    state: 'assigned',
    request,
    agent: { id: 'bruno', displayName: 'Bruno Diaz' },
    items: [],
    lastSeq: 0,
    patientTyping: false,
    patientReadUpToSeq: 0,
    readSentUpToSeq: 0,
    unread: 0,
    held: true,
  };
}

describe("the bot's handoff notice in the console's language", () => {
  it.each([
    ['fr', 'Le bot a demandé à confier cette conversation à une personne.'],
    ['es', 'El bot pidió pasar esta conversación a una persona.'],
    ['en', HANDOFF_INITIATE_NOTICE],
  ] as const)('%s', (locale, expected) => {
    const { session } = fakeSession({
      conversations: [conversation()],
      activeConversationId: 'c-1',
    });
    renderInConsole(<Shell session={session} />, { locale });
    const transcript = document.querySelector('.bot-transcript') as HTMLElement;
    expect(transcript.querySelector('.from-system')?.textContent).toContain(expected);
    expect(transcript.querySelector('.from-patient')?.textContent).toContain(
      HANDOFF_INITIATE_NOTICE,
    );
    expect(transcript.querySelector('.from-bot')?.textContent).toContain('Let me connect you.');
  });
});

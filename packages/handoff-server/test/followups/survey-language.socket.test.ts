import type { Survey } from '@baton/handoff-protocol';
import { describe, expect, it } from 'vitest';
import { handoffRequestFrame, sampleRequest } from '../support/frames';
import { useHarness } from './harness';

// A patient on an English portal page who picks Español in the widget gets the end survey
// in Spanish: the language she chats in chooses the text; her signed context stays `en`.

const setup = useHarness();

const survey = (id: string, title: string): Survey => ({
  id,
  title,
  questions: [{ id: 'overall', kind: 'rating', prompt: title, required: true }],
});

describe('end survey in the language of the chat (SQLite, real sockets)', () => {
  it('Spanish picked in the chat: the Spanish survey; otherwise the portal’s language', async () => {
    const h = await setup({ followups: { surveyOnEnd: survey('configured', 'Configured') } });
    await h.test.store.putSetting(
      'end-survey',
      {
        enabled: true,
        surveys: {
          en: survey('end-en', 'How did we do?'),
          es: survey('end-es', '¿Qué tal le atendimos?'),
        },
      },
      'root',
    );
    const agent = await h.agent();
    for (const [conversationId, locale, expected] of [
      ['conv-es', 'es-ES', 'end-es'],
      ['conv-en', 'en', 'end-en'],
    ] as const) {
      const patient = await h.patient(`pat-${conversationId}`);
      const request = sampleRequest({
        patient: { patientId: 'ignored', displayName: 'Alex Martin', locale },
      });
      patient.send(handoffRequestFrame(conversationId, `req-${conversationId}`, request));
      await patient.waitFor('agent.joined', (f) => f.conversationId === conversationId);
      await agent.waitFor('conversation.assigned', (f) => f.conversationId === conversationId);
      await h.adapter.host.ended(conversationId, 'resolved');
      const offered = await patient.waitFor('survey.request');
      expect(offered.survey.id, locale).toBe(expected);
    }
  });
});

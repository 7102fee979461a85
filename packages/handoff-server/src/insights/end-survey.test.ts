import { describe, expect, it } from 'vitest';
import { MemoryConversationStore } from '../storage/memory';
import { checkEndSurvey, endSurveyFor } from './end-survey';

const survey = (id: string, prompt: string) => ({
  id,
  title: 'Satisfaction',
  questions: [{ id: 'rating', prompt, required: true, kind: 'rating' as const }],
});

describe('end survey per language', () => {
  it('sends the patient her language, else English; none when turned off', async () => {
    const store = new MemoryConversationStore();
    const configured = survey('configured', 'How was it?');
    expect(await endSurveyFor(store, 'fr-FR', configured)).toBe(configured);
    const checked = checkEndSurvey({
      enabled: true,
      surveys: {
        en: survey('end-en', 'How was your chat?'),
        fr: survey('end-fr', 'Comment s’est passée la conversation ?'),
      },
    });
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    await store.putSetting('end-survey', checked.value, 'root');
    expect((await endSurveyFor(store, 'fr-CA', configured))?.id).toBe('end-fr');
    expect((await endSurveyFor(store, 'es', configured))?.id).toBe('end-en');
    expect((await endSurveyFor(store, undefined, configured))?.id).toBe('end-en');
    await store.putSetting('end-survey', { ...checked.value, enabled: false }, 'root');
    expect(await endSurveyFor(store, 'fr', configured)).toBeNull();
  });

  it('refuses what is not a survey per language, naming the language', () => {
    expect(checkEndSurvey({ enabled: true, surveys: { fr: { id: 'x' } } })).toEqual({
      ok: false,
      problem: 'fr: not a valid survey',
    });
    expect(checkEndSurvey({ enabled: true, surveys: { French: survey('a', 'b') } })).toMatchObject({
      ok: false,
    });
    expect(checkEndSurvey(null)).toMatchObject({ ok: false });
  });
});

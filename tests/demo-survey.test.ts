import { Survey } from '@baton/handoff-protocol';
import { MemoryConversationStore } from '@baton/handoff-server';
import { describe, expect, it } from 'vitest';
import { DEMO_END_SURVEYS, seedDemoEndSurvey } from '../scripts/demo-survey';

// The demo portal speaks English and French, and the widget offers Spanish: the survey at
// the end of a chat is seeded in all three, once, without undoing an administrator's change.

describe('the demo’s end-of-chat survey', () => {
  it('is seeded in English, French and Spanish, each a valid protocol survey', async () => {
    const store = new MemoryConversationStore();
    await seedDemoEndSurvey(store);
    const stored = (await store.getSetting('end-survey'))?.value as {
      enabled: boolean;
      surveys: Record<string, unknown>;
    };
    expect(stored.enabled).toBe(true);
    expect(Object.keys(stored.surveys).sort()).toEqual(['en', 'es', 'fr']);
    for (const survey of Object.values(stored.surveys))
      expect(Survey.safeParse(survey).success).toBe(true);
    expect(DEMO_END_SURVEYS.es.title).toBe('¿Qué tal le atendimos?');
  });

  it('keeps what an administrator saved', async () => {
    const store = new MemoryConversationStore();
    await store.putSetting('end-survey', { enabled: false, surveys: {} }, 'ada');
    await seedDemoEndSurvey(store);
    expect((await store.getSetting('end-survey'))?.value).toEqual({ enabled: false, surveys: {} });
  });
});

import type { Survey } from '@baton/handoff-protocol';
import type { ConversationStore } from '@baton/handoff-server';

/** The built-in satisfaction survey, once per language the demo portal speaks. */
function survey(title: string, rating: string, comment: string): Survey {
  return {
    id: 'baton-csat',
    title,
    questions: [
      { id: 'overall', kind: 'rating', prompt: rating, required: true },
      { id: 'comment', kind: 'free-text', prompt: comment, required: false, maxLength: 500 },
    ],
  };
}

export const DEMO_END_SURVEYS: Record<'en' | 'fr' | 'es', Survey> = {
  en: survey('How did we do?', 'Overall, how satisfied are you?', 'Anything else?'),
  fr: survey(
    'Comment cela s’est-il passé ?',
    'Dans l’ensemble, êtes-vous satisfait de cet échange ?',
    'Autre chose à nous dire ?',
  ),
  es: survey(
    '¿Qué tal le atendimos?',
    'En general, ¿está satisfecho con la conversación?',
    '¿Algo más que quiera decirnos?',
  ),
};

/**
 * The end-of-chat survey in English, French and Spanish (Administration → Survey at the end
 * of a chat), so a patient who chats in French or Spanish is not asked in English. Written
 * once per data folder: an administrator's own change is kept.
 */
export async function seedDemoEndSurvey(store: ConversationStore): Promise<void> {
  if (await store.getSetting('end-survey')) return;
  await store.putSetting('end-survey', { enabled: true, surveys: DEMO_END_SURVEYS }, 'demo');
}

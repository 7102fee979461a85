import { Survey } from '@baton/handoff-protocol';
import type { ConversationStore } from '../storage/contract';

export const END_SURVEY_SETTING = 'end-survey';

/** The survey sent when an agent conversation ends, per language (`en`, `fr`, `es`…). */
export interface EndSurveySetting {
  enabled: boolean;
  surveys: Record<string, Survey>;
}

const LANGUAGE = /^[a-z]{2,3}$/;

/** Checks an administrator's end-survey setting; a problem names the language. */
export function checkEndSurvey(
  value: unknown,
): { ok: true; value: EndSurveySetting } | { ok: false; problem: string } {
  const v = value as Partial<EndSurveySetting> | null;
  if (!v || typeof v.enabled !== 'boolean' || !v.surveys || typeof v.surveys !== 'object')
    return { ok: false, problem: 'expected { enabled, surveys: { <language>: Survey } }' };
  const surveys: Record<string, Survey> = {};
  const entries = Object.entries(v.surveys);
  if (entries.length > 20) return { ok: false, problem: 'at most 20 languages' };
  for (const [language, survey] of entries) {
    if (!LANGUAGE.test(language)) return { ok: false, problem: `"${language}" is not a language` };
    const parsed = Survey.safeParse(survey);
    if (!parsed.success) return { ok: false, problem: `${language}: not a valid survey` };
    surveys[language] = parsed.data;
  }
  return { ok: true, value: { enabled: v.enabled, surveys } };
}

/**
 * The end survey for a patient's language: the administrator's (her language, else English,
 * else the first one), or none when she turned it off; without a stored setting, the
 * configured one (`BATON_SURVEY_ON_END` / `BATON_SURVEY_FILE`).
 */
export async function endSurveyFor(
  store: Pick<ConversationStore, 'getSetting'>,
  locale: string | undefined,
  configured: Survey | null,
): Promise<Survey | null> {
  const stored = await store.getSetting(END_SURVEY_SETTING);
  if (!stored) return configured;
  const setting = stored.value as EndSurveySetting;
  if (!setting.enabled) return null;
  const language = locale?.toLowerCase().split('-')[0] ?? '';
  return (
    setting.surveys[language] ?? setting.surveys.en ?? Object.values(setting.surveys)[0] ?? null
  );
}

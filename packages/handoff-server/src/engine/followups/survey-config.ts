import { readFile } from 'node:fs/promises';
import { Survey } from '@baton/handoff-protocol';
import { HandoffServerError } from '../../internal/errors';

/** The survey sent at the end of a chat when none is configured (`BATON_SURVEY_ON_END=true`). */
export const DEFAULT_END_SURVEY: Survey = {
  id: 'baton-csat',
  title: 'How did we do?',
  questions: [
    { id: 'overall', kind: 'rating', prompt: 'Overall, how satisfied are you?', required: true },
    { id: 'comment', kind: 'free-text', prompt: 'Anything else?', required: false, maxLength: 500 },
  ],
};

/** Reads a survey definition (protocol `Survey` JSON) from a file (`BATON_SURVEY_FILE`). */
export async function loadSurveyFile(path: string): Promise<Survey> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new HandoffServerError('invalid_config', 'BATON_SURVEY_FILE is not readable JSON', {
      cause: error,
    });
  }
  const parsed = Survey.safeParse(raw);
  if (!parsed.success) {
    throw new HandoffServerError('invalid_config', 'BATON_SURVEY_FILE is not a valid survey', {
      cause: parsed.error,
    });
  }
  return parsed.data;
}

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_END_SURVEY, loadSurveyFile } from '../../src/engine/followups/survey-config';
import { HandoffServerError } from '../../src/internal/errors';
import { readServerEnv } from '../../src/ops/config';

const base = { BATON_PATIENT_JWT_SECRET: 'x'.repeat(32), BATON_AGENT_JWT_SECRET: 'y'.repeat(32) };
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('follow-up configuration', () => {
  it('reads fallbacks, the end-of-chat survey switch and the reminder lead time', () => {
    expect(readServerEnv(base)).toMatchObject({
      BATON_FALLBACKS: ['leave-message', 'callback'],
      BATON_SURVEY_ON_END: false,
      BATON_REMINDER_LEAD_MINUTES: 1440,
    });
    expect(
      readServerEnv({
        ...base,
        BATON_FALLBACKS: 'appointment, callback,appointment',
        BATON_SURVEY_ON_END: 'true',
        BATON_REMINDER_LEAD_MINUTES: '90',
      }),
    ).toMatchObject({
      BATON_FALLBACKS: ['appointment', 'callback'],
      BATON_SURVEY_ON_END: true,
      BATON_REMINDER_LEAD_MINUTES: 90,
    });
    const error = (() => {
      try {
        readServerEnv({ ...base, BATON_FALLBACKS: 'pigeon' });
      } catch (e) {
        return e;
      }
    })();
    expect(HandoffServerError.is(error, 'invalid_config')).toBe(true);
    expect((error as Error).message).toContain('BATON_FALLBACKS');
  });

  it('loads a survey file, and refuses one that is not a survey', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-survey-'));
    dirs.push(dir);
    const good = join(dir, 'good.json');
    writeFileSync(good, JSON.stringify(DEFAULT_END_SURVEY));
    expect(await loadSurveyFile(good)).toEqual(DEFAULT_END_SURVEY);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ id: 'x', title: 'No questions', questions: [] }));
    const refused = await loadSurveyFile(bad).catch((e: unknown) => e);
    expect(HandoffServerError.is(refused, 'invalid_config')).toBe(true);
    const missing = await loadSurveyFile(join(dir, 'nope.json')).catch((e: unknown) => e);
    expect(HandoffServerError.is(missing, 'invalid_config')).toBe(true);
  });
});

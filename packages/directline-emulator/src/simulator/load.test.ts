import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DirectLineEmulatorError } from '../errors.js';
import { loadScenarioDir, loadScenarios, parseScenario, scenarioJsonSchema } from './load.js';
import type { ScenarioInput } from './schema.js';

const minimal: ScenarioInput = {
  id: 'one',
  title: 'One',
  steps: [{ id: 'a', say: [{ kind: 'text', text: 'hi' }] }],
};
const dirs: string[] = [];

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'baton-scenarios-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

function errorOf(run: () => unknown): DirectLineEmulatorError {
  try {
    run();
  } catch (error) {
    if (DirectLineEmulatorError.is(error)) return error;
    throw error;
  }
  throw new Error('expected an error');
}

describe('scenario loading', () => {
  it('loads the shipped default set: welcome, triage, appointment, billing, emergency', () => {
    const scenarios = loadScenarios();
    expect(scenarios.map((s) => s.id).sort()).toEqual([
      'appointment',
      'billing',
      'emergency',
      'symptom-triage',
      'welcome',
    ]);
    expect(scenarios.filter((s) => s.welcome).map((s) => s.id)).toEqual(['welcome']);
    expect(scenarios.find((s) => s.id === 'emergency')?.interrupt).toBe(true);
  });

  it('fills defaults (markdown text, imBack buttons)', () => {
    const scenario = parseScenario(minimal);
    expect(scenario.steps[0]!.say[0]).toEqual({ kind: 'text', text: 'hi', format: 'markdown' });
    expect(scenario.welcome).toBe(false);
  });

  it('names the file and the path of a schema error', () => {
    const dir = folder({
      'bad.json': JSON.stringify({ ...minimal, steps: [{ id: 'a', say: [{ kind: 'shout' }] }] }),
    });
    const error = errorOf(() => loadScenarioDir(dir));
    expect(error.code).toBe('InvalidScenario');
    expect(error.message).toContain(join(dir, 'bad.json'));
    expect(error.message).toContain('steps.0.say.0.kind');
  });

  it('rejects a goto to a missing step, duplicate step ids, a bad regex, and invalid JSON', () => {
    const badGoto = { ...minimal, steps: [{ id: 'a', expect: [{ on: 'any', goto: 'nowhere' }] }] };
    expect(errorOf(() => parseScenario(badGoto)).message).toMatch(/goto "nowhere" names no step/);
    const dup = { ...minimal, steps: [{ id: 'a' }, { id: 'a' }] };
    expect(errorOf(() => parseScenario(dup)).message).toMatch(/duplicate step id "a"/);
    const regex = { ...minimal, triggers: { en: ['(unclosed'] } };
    expect(errorOf(() => parseScenario(regex)).message).toMatch(
      /triggers.en.0: not a valid regular expression/,
    );
    expect(errorOf(() => loadScenarioDir(folder({ 'x.json': '{ nope' }))).message).toMatch(
      /not valid JSON/,
    );
  });

  it('rejects two welcome scenarios, duplicate ids and an empty folder', () => {
    expect(
      errorOf(() =>
        loadScenarios([
          { ...minimal, welcome: true },
          { ...minimal, id: 'two', welcome: true },
        ]),
      ).message,
    ).toMatch(/already the welcome/);
    expect(errorOf(() => loadScenarios([minimal, minimal])).message).toMatch(
      /duplicate scenario id/,
    );
    expect(errorOf(() => loadScenarioDir(folder({}))).message).toMatch(
      /no \*\.json scenario files/,
    );
  });

  it('exports a JSON Schema for editors, the same as the shipped scenario.schema.json', () => {
    const schema = scenarioJsonSchema() as { properties: Record<string, unknown> };
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['id', 'steps', 'triggers']),
    );
    const shipped: unknown = JSON.parse(
      readFileSync(new URL('../../scenario.schema.json', import.meta.url), 'utf8'),
    );
    // If this fails: npx tsx packages/directline-emulator/scripts/scenario-schema.ts
    expect(shipped).toEqual(schema);
  });
});

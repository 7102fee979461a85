import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as z from 'zod';
import { DirectLineEmulatorError } from '../errors.js';
import { type Scenario, type ScenarioInput, scenario as scenarioSchema } from './schema.js';

export const endOfScenario = '$end';

/** The default scenario folder shipped with the package (found from src/ or dist/). */
export function defaultScenarioDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const candidate of ['../scenarios', '../../scenarios']) {
    const dir = resolve(here, candidate);
    if (existsSync(join(dir, 'welcome.json'))) return dir;
  }
  throw new DirectLineEmulatorError('InvalidScenario', 'The default scenario folder is missing.');
}

function invalid(where: string, message: string): DirectLineEmulatorError {
  return new DirectLineEmulatorError('InvalidScenario', `${where}: ${message}`);
}

/** Validates one scenario (schema, then references between its steps). */
export function parseScenario(value: unknown, where = 'scenario'): Scenario {
  const parsed = scenarioSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.length > 0 ? issue.path.join('.') : '(root)';
    throw invalid(where, `${path}: ${issue.message}`);
  }
  const scenario = parsed.data;
  const ids = new Set<string>();
  for (const step of scenario.steps) {
    if (ids.has(step.id)) throw invalid(where, `duplicate step id "${step.id}"`);
    ids.add(step.id);
  }
  const check = (target: string | undefined, at: string) => {
    if (target !== undefined && target !== endOfScenario && !ids.has(target)) {
      throw invalid(where, `${at}: goto "${target}" names no step of "${scenario.id}"`);
    }
  };
  scenario.steps.forEach((step, i) => {
    check(step.next, `steps.${i}.next`);
    for (const [j, e] of (step.expect ?? []).entries()) {
      check(e.goto, `steps.${i}.expect.${j}.goto`);
    }
  });
  return scenario;
}

/** Validates a whole set: unique ids, at most one welcome scenario. */
export function validateScenarioSet(scenarios: readonly Scenario[]): Scenario[] {
  const ids = new Set<string>();
  let welcome: string | undefined;
  for (const s of scenarios) {
    if (ids.has(s.id)) throw invalid(`scenario "${s.id}"`, 'duplicate scenario id');
    ids.add(s.id);
    if (s.welcome) {
      if (welcome) throw invalid(`scenario "${s.id}"`, `"${welcome}" is already the welcome`);
      welcome = s.id;
    }
  }
  return [...scenarios];
}

/** Loads every `*.json` file of a folder (sorted by name), each one scenario. */
export function loadScenarioDir(dir: string): Scenario[] {
  let files: string[];
  try {
    files = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort();
  } catch (cause) {
    throw new DirectLineEmulatorError('InvalidScenario', `Cannot read scenario folder ${dir}.`, {
      cause,
    });
  }
  if (files.length === 0) throw invalid(dir, 'no *.json scenario files');
  const scenarios = files.map((file) => {
    const path = join(dir, file);
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(path, 'utf8'));
    } catch (cause) {
      throw new DirectLineEmulatorError('InvalidScenario', `${path}: not valid JSON.`, { cause });
    }
    return parseScenario(json, path);
  });
  return validateScenarioSet(scenarios);
}

/** Scenarios from a folder, from objects (validated), or the shipped defaults. */
export function loadScenarios(source?: string | readonly (Scenario | ScenarioInput)[]): Scenario[] {
  if (source === undefined) return loadScenarioDir(defaultScenarioDir());
  if (typeof source === 'string') return loadScenarioDir(source);
  return validateScenarioSet(source.map((s, i) => parseScenario(s, `scenarios[${i}]`)));
}

/** JSON Schema of a scenario file, for editors (`$schema`). */
export function scenarioJsonSchema(): unknown {
  return z.toJSONSchema(scenarioSchema, { io: 'input', unrepresentable: 'any', reused: 'ref' });
}

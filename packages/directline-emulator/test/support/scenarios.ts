import type { ScenarioInput } from '../../src/index.js';

/** A tiny scenario set for protocol tests: "ping" answers typing then "pong". */
export const pingScenarios: ScenarioInput[] = [
  {
    id: 'ping',
    title: 'Ping',
    triggers: { en: ['^ping$'] },
    steps: [{ id: 'pong', say: [{ kind: 'typing' }, { kind: 'text', text: 'pong' }] }],
  },
];

// Writes scenario.schema.json from the zod schema: npx tsx packages/directline-emulator/scripts/scenario-schema.ts
import { writeFileSync } from 'node:fs';
import { scenarioJsonSchema } from '../src/index.js';

const target = new URL('../scenario.schema.json', import.meta.url);
writeFileSync(target, `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);

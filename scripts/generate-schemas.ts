// Writes the JSON Schema of every handoff-protocol message to docs/schemas/.
// Run after changing a message schema: npx tsx scripts/generate-schemas.ts
// (packages/handoff-protocol/test/json-schema.test.ts fails while the files are stale.)
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { jsonSchemaFiles } from '../packages/handoff-protocol/src/json-schema';

const outDir = join(import.meta.dirname, '..', 'docs', 'schemas');
rmSync(outDir, { recursive: true, force: true });
const files = jsonSchemaFiles();
for (const [path, content] of files) {
  const target = join(outDir, path);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, content);
}
console.log(`wrote ${files.size} files to docs/schemas/`);

import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  jsonSchemaFiles,
  messageSchemas,
  PROTOCOL_DIRECTIONS,
  type ProtocolDirection,
} from '../src/index';

const schemasDir = join(import.meta.dirname, '..', '..', '..', 'docs', 'schemas');
const STALE =
  'docs/schemas is stale: run `npx tsx scripts/generate-schemas.ts` and commit the result';

function filesOnDisk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(schemasDir, join(entry.parentPath, entry.name)))
    .sort();
}

describe('JSON Schema files', () => {
  const expected = jsonSchemaFiles();

  it('has one file per message type per direction, plus the index', () => {
    let count = 0;
    for (const direction of Object.keys(PROTOCOL_DIRECTIONS) as ProtocolDirection[]) {
      count += messageSchemas(direction).size;
    }
    expect(expected.size).toBe(count + 1);
  });

  it('match the committed docs/schemas exactly', () => {
    expect(filesOnDisk(schemasDir), STALE).toEqual([...expected.keys()].sort());
    for (const [path, content] of expected) {
      expect(readFileSync(join(schemasDir, path), 'utf8'), `${STALE} (${path})`).toBe(content);
    }
  });

  it('are formatted deterministically: 2-space JSON with a trailing newline', () => {
    for (const content of expected.values()) {
      expect(content.endsWith('}\n')).toBe(true);
      expect(`${JSON.stringify(JSON.parse(content), null, 2)}\n`).toBe(content);
    }
    expect(jsonSchemaFiles()).toEqual(expected);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CONVERSATION_TRANSITIONS,
  ERROR_CODES,
  messageSchemas,
  PROTOCOL_DIRECTIONS,
  type ProtocolDirection,
} from '../src/index';
import { DIRECTIONS } from './support/directions';

// docs/handoff-protocol.md is the spec: its examples, state table and error table are
// checked against the code so the two cannot drift apart.
const spec = readFileSync(
  join(import.meta.dirname, '..', '..', '..', 'docs', 'handoff-protocol.md'),
  'utf8',
);

const parsers: Record<ProtocolDirection, (input: unknown) => { ok: boolean }> = {
  'patient-to-server': DIRECTIONS[0]!.parse,
  'server-to-patient': DIRECTIONS[1]!.parse,
  'agent-to-server': DIRECTIONS[2]!.parse,
  'server-to-agent': DIRECTIONS[3]!.parse,
};

const examples = [...spec.matchAll(/<!-- example: ([a-z-]+) -->\n```json\n([\s\S]*?)\n```/g)].map(
  ([, direction, json]) => ({ direction: direction as ProtocolDirection, json: json! }),
);

describe('docs/handoff-protocol.md', () => {
  it.each(examples.map((e, i) => [i, e.direction, e] as const))(
    'example %i (%s) parses',
    (_i, direction, example) => {
      expect(Object.keys(PROTOCOL_DIRECTIONS)).toContain(direction);
      const result = parsers[direction](example.json);
      expect(result, example.json).toMatchObject({ ok: true });
    },
  );

  it('has an example of every message type of every direction', () => {
    for (const direction of Object.keys(PROTOCOL_DIRECTIONS) as ProtocolDirection[]) {
      const shown = new Set(
        examples
          .filter((e) => e.direction === direction)
          .map((e) => (JSON.parse(e.json) as { type: string }).type),
      );
      expect([...shown].sort(), direction).toEqual([...messageSchemas(direction).keys()].sort());
    }
  });

  it('has the state machine table of the code', () => {
    const rows = [...spec.matchAll(/^\| `([a-z_]+)` \| `([a-z_]+)` \| `([a-z_]+)` \|$/gm)].map(
      ([, state, event, next]) => [state, event, next],
    );
    const table = Object.entries(CONVERSATION_TRANSITIONS).flatMap(([state, row]) =>
      Object.entries(row).map(([event, next]) => [state, event, next]),
    );
    expect(rows).toEqual(table);
  });

  it('has the error code table of the code', () => {
    const rows = [...spec.matchAll(/^\| `([a-z_]+)` \| (\d{3}) \| (yes|no) \|/gm)].map(
      ([, code, status, retryable]) => [code, Number(status), retryable === 'yes'],
    );
    expect(rows).toEqual(
      Object.entries(ERROR_CODES).map(([code, { status, retryable }]) => [code, status, retryable]),
    );
  });
});

import * as z from 'zod/mini';
import { PROTOCOL_VERSION } from './domain/primitives';
import { AgentToServer } from './messages/agent-to-server';
import { PatientToServer } from './messages/patient-to-server';
import { ServerToAgent } from './messages/server-to-agent';
import { ServerToPatient } from './messages/server-to-patient';

/** The four directions of the protocol, as folder names of `docs/schemas/`. */
export const PROTOCOL_DIRECTIONS = {
  'patient-to-server': PatientToServer,
  'server-to-patient': ServerToPatient,
  'agent-to-server': AgentToServer,
  'server-to-agent': ServerToAgent,
} as const;
export type ProtocolDirection = keyof typeof PROTOCOL_DIRECTIONS;

interface MessageOption {
  shape: { type: { _zod: { def: { values: readonly unknown[] } } } };
}

/** Each message schema of a direction, by its `type`. */
export function messageSchemas(direction: ProtocolDirection): Map<string, z.ZodMiniType> {
  const union = PROTOCOL_DIRECTIONS[direction];
  const options = union._zod.def.options as unknown as (MessageOption & z.ZodMiniType)[];
  return new Map(options.map((option) => [String(option.shape.type._zod.def.values[0]), option]));
}

function format(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/**
 * The JSON Schema (draft 2020-12) of every message, one file per message type per
 * direction, plus `index.json`; keys are paths relative to `docs/schemas/`. Refinements that
 * JSON Schema cannot say (slot start before end, unique ids) are checked by the parsers only.
 */
export function jsonSchemaFiles(): Map<string, string> {
  const files = new Map<string, string>();
  const index: Record<string, Record<string, string>> = {};
  for (const direction of Object.keys(PROTOCOL_DIRECTIONS) as ProtocolDirection[]) {
    index[direction] = {};
    for (const [type, schema] of messageSchemas(direction)) {
      const path = `${direction}/${type}.schema.json`;
      // `io: 'input'`: what a receiver accepts, so unknown fields stay allowed (they are
      // dropped on parse; adding an optional field is a compatible change).
      const { $schema, ...json } = z.toJSONSchema(schema, {
        target: 'draft-2020-12',
        io: 'input',
        unrepresentable: 'any',
      });
      files.set(path, format({ $schema, title: `${type} (${direction})`, ...json }));
      index[direction][type] = path;
    }
  }
  files.set('index.json', format({ protocolVersion: PROTOCOL_VERSION, directions: index }));
  return files;
}

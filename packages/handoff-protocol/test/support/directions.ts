import type * as z from 'zod/mini';
import {
  AgentToServer,
  type ParseResult,
  PatientToServer,
  parseAgentMessage,
  parsePatientMessage,
  parseServerToAgent,
  parseServerToPatient,
  ServerToAgent,
  ServerToPatient,
} from '../../src/index';

export interface Direction {
  name: string;
  union: z.ZodMiniDiscriminatedUnion<z.ZodMiniObject[]>;
  parse: (input: unknown) => ParseResult<unknown>;
}

/** The four directions, each with its union and its parse function. */
export const DIRECTIONS: Direction[] = [
  { name: 'patient → server', union: PatientToServer as never, parse: parsePatientMessage },
  { name: 'server → patient', union: ServerToPatient as never, parse: parseServerToPatient },
  { name: 'agent → server', union: AgentToServer as never, parse: parseAgentMessage },
  { name: 'server → agent', union: ServerToAgent as never, parse: parseServerToAgent },
];

/** The union's options with their `type` literal. */
export function optionsOf(direction: Direction): { type: string; schema: z.ZodMiniObject }[] {
  return direction.union._zod.def.options.map((schema) => ({
    type: (schema.shape.type as z.ZodMiniLiteral<string>).def.values[0] as string,
    schema,
  }));
}

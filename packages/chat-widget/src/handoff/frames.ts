import type { MessageFields, PatientToServer } from '@baton/handoff-protocol';

/**
 * Builds a patient → server frame: the protocol's `patientMessage`, without importing it
 * (its module pulls the protocol's zod schemas into the browser chunk). Same envelope:
 * `v: 1`, a random UUID `id`, `ts` now; `frame.test.ts` checks the frames with the
 * protocol's own parser.
 */
export function patientFrame<T extends PatientToServer['type']>(
  type: T,
  fields: MessageFields<PatientToServer, T>,
): Extract<PatientToServer, { type: T }> {
  const frame: unknown = { v: 1, type, id: newId(), ts: new Date().toISOString(), ...fields };
  return frame as Extract<PatientToServer, { type: T }>;
}

/** A random UUID (ids of frames, client messages and handoff conversations). */
export function newId(): string {
  return crypto.randomUUID();
}

/**
 * The protocol's `MESSAGE_LIMITS.maxTextLength`, without importing it (same reason as above;
 * `inbound.test.ts` checks they agree): a longer message is never sent.
 */
export const MAX_MESSAGE_TEXT = 4000;

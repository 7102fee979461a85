import { PROTOCOL_VERSION } from '../domain/primitives';
import type { AgentToServer } from '../messages/agent-to-server';
import type { PatientToServer } from '../messages/patient-to-server';
import type { ServerToAgent } from '../messages/server-to-agent';
import type { ServerToPatient } from '../messages/server-to-patient';

/** Any frame of any direction. */
export type ProtocolMessage = PatientToServer | ServerToPatient | AgentToServer | ServerToAgent;

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** What a builder needs: the message without `v` and `type`; `id` and `ts` are optional. */
export type MessageFields<M extends { type: string }, T extends M['type']> = DistributiveOmit<
  Extract<M, { type: T }>,
  'v' | 'type' | 'id' | 'ts'
> & { id?: string; ts?: string };

/** A random id (UUID v4) for envelopes and client message ids. */
export function createId(): string {
  const { crypto } = globalThis;
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function envelope<M>(
  type: string,
  fields: { id?: string; ts?: string; [field: string]: unknown },
): M {
  // Keys in the order v, type, id, ts, then the fields' own (no rest copy: this runs for every
  // frame a server sends).
  const message: { id?: string; ts?: string } = Object.assign(
    { v: PROTOCOL_VERSION, type, id: undefined, ts: undefined },
    fields,
  );
  message.id ??= createId();
  message.ts ??= new Date().toISOString();
  return message as M;
}

/** Builds a patient → server frame, filling `v`, `id` and `ts`. */
export function patientMessage<T extends PatientToServer['type']>(
  type: T,
  fields: MessageFields<PatientToServer, T>,
): Extract<PatientToServer, { type: T }> {
  return envelope(type, fields);
}

/** Builds a server → patient frame, filling `v`, `id` and `ts`. */
export function serverToPatientMessage<T extends ServerToPatient['type']>(
  type: T,
  fields: MessageFields<ServerToPatient, T>,
): Extract<ServerToPatient, { type: T }> {
  return envelope(type, fields);
}

/** Builds an agent → server frame, filling `v`, `id` and `ts`. */
export function agentMessage<T extends AgentToServer['type']>(
  type: T,
  fields: MessageFields<AgentToServer, T>,
): Extract<AgentToServer, { type: T }> {
  return envelope(type, fields);
}

/** Builds a server → agent frame, filling `v`, `id` and `ts`. */
export function serverToAgentMessage<T extends ServerToAgent['type']>(
  type: T,
  fields: MessageFields<ServerToAgent, T>,
): Extract<ServerToAgent, { type: T }> {
  return envelope(type, fields);
}

/** The server's `ack` of a frame it committed as `seq`; patient and agent acks share one shape. */
export function ackMessage(
  conversationId: string,
  clientMessageId: string,
  seq: number,
): Extract<ServerToPatient, { type: 'ack' }> & Extract<ServerToAgent, { type: 'ack' }> {
  return envelope('ack', { conversationId, clientMessageId, seq });
}

/** The wire form of a frame: plain JSON. Parse it back with the direction's parse function. */
export function serialiseMessage(message: ProtocolMessage): string {
  return JSON.stringify(message);
}

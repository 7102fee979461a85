import type {
  AgentToServer,
  PatientToServer,
  ServerToAgent,
  ServerToPatient,
} from '@baton/handoff-protocol';

/** One frame type of a direction's union, by its `type`. */
export type PatientFrame<T extends PatientToServer['type']> = Extract<PatientToServer, { type: T }>;
export type AgentFrame<T extends AgentToServer['type']> = Extract<AgentToServer, { type: T }>;
export type PatientAckFrame = Extract<ServerToPatient, { type: 'ack' }>;
export type AgentAckFrame = Extract<ServerToAgent, { type: 'ack' }>;
export type TranscriptFrame = Extract<ServerToAgent, { type: 'conversation.transcript' }>;
export type ReadToAgentFrame = Extract<ServerToAgent, { type: 'read' }>;

import type { ServerToAgent, ServerToPatient } from '@baton/handoff-protocol';
import type { Server } from 'socket.io';
import type { DeskDelivery } from '../desk/desk';
import type { ConversationDelivery } from '../engine/types';

/** The socket.io event every protocol frame travels on, both ways. */
export const FRAME_EVENT = 'frame';

export const PATIENT_NAMESPACE = '/patient';
export const AGENT_NAMESPACE = '/agent';

export const rooms = {
  conversation: (id: string) => `conversation:${id}`,
  agent: (id: string) => `agent:${id}`,
  queue: (name: string) => `queue:${name}`,
  allQueues: 'queues:all',
  supervisors: 'supervisors',
} as const;

/**
 * Engine and desk delivery over socket.io rooms. With `@socket.io/redis-adapter` the same
 * calls reach sockets on every node.
 */
export function createSocketDelivery(io: Server): ConversationDelivery & DeskDelivery {
  const patients = io.of(PATIENT_NAMESPACE);
  const agents = io.of(AGENT_NAMESPACE);
  return {
    toPatient(conversationId, frame: ServerToPatient) {
      patients.to(rooms.conversation(conversationId)).emit(FRAME_EVENT, frame);
    },
    toAgents(conversationId, frame: ServerToAgent) {
      agents.to(rooms.conversation(conversationId)).emit(FRAME_EVENT, frame);
    },
    toAgent(agentId, frame: ServerToAgent) {
      agents.to(rooms.agent(agentId)).emit(FRAME_EVENT, frame);
    },
    joinAgent(agentId, conversationId) {
      agents.in(rooms.agent(agentId)).socketsJoin(rooms.conversation(conversationId));
    },
    leaveAgent(agentId, conversationId) {
      agents.in(rooms.agent(agentId)).socketsLeave(rooms.conversation(conversationId));
    },
    toQueue(queue, frame: ServerToAgent) {
      agents.to([rooms.queue(queue), rooms.allQueues]).emit(FRAME_EVENT, frame);
    },
    toSupervisors(frame: ServerToAgent) {
      agents.to(rooms.supervisors).emit(FRAME_EVENT, frame);
    },
  };
}

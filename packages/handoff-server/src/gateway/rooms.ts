import type { ServerToAgent, ServerToPatient } from '@baton/handoff-protocol';
import type { Namespace, Server } from 'socket.io';
import type { StaffRole } from '../auth/principal';
import { CLEARANCES, type Clearance, staffFrame } from '../auth/staff-view';
import type { DeskDelivery } from '../desk/desk';
import type { ConversationDelivery } from '../engine/types';
import type { ConversationRecord } from '../storage/records';
import type { HandshakeAudit } from './handshake';
import { withdrawLostAccess } from './room-access';

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
  /** Follow-up worklist of one queue; `followups:all` for supervisors. */
  worklist: (queue: string) => `followups:${queue}`,
  allWorklists: 'followups:all',
  /** Every staff socket joins exactly one, on connection, before any other room. */
  clearance: (clearance: Clearance) => `clearance:${clearance}`,
  /** Every socket of a staff member with this role (access rules, not subscriptions). */
  staffRole: (role: StaffRole) => `role:${role}`,
  /** Every socket of an agent who serves this queue (access rules, not subscriptions). */
  serves: (queue: string) => `serves:${queue}`,
} as const;

type Broadcast = ReturnType<Namespace['to']>;

/**
 * Broadcasts a frame to staff sockets, each getting the view its clearance allows
 * (`staffFrame`). A frame with no patient context goes out once; otherwise once per
 * clearance, each excluding the sockets of the other clearance.
 */
export function broadcastToStaff(target: Broadcast, frame: ServerToAgent): void {
  const views = CLEARANCES.map((clearance) => [clearance, staffFrame(clearance, frame)] as const);
  if (views.every(([, view]) => view === frame)) {
    target.emit(FRAME_EVENT, frame);
    return;
  }
  for (const [clearance, view] of views) {
    const others = CLEARANCES.filter((c) => c !== clearance).map(rooms.clearance);
    target.except(others).emit(FRAME_EVENT, view);
  }
}

/**
 * Engine and desk delivery over socket.io rooms. With `@socket.io/redis-adapter` the same
 * calls reach sockets on every node.
 */
export function createSocketDelivery(
  io: Server,
  audit?: HandshakeAudit,
): ConversationDelivery & DeskDelivery {
  const patients = io.of(PATIENT_NAMESPACE);
  const agents = io.of(AGENT_NAMESPACE);
  return {
    toPatient(conversationId, frame: ServerToPatient) {
      patients.to(rooms.conversation(conversationId)).emit(FRAME_EVENT, frame);
    },
    toAgents(conversationId, frame: ServerToAgent) {
      broadcastToStaff(agents.to(rooms.conversation(conversationId)), frame);
    },
    toAgent(agentId, frame: ServerToAgent) {
      broadcastToStaff(agents.to(rooms.agent(agentId)), frame);
    },
    joinAgent(agentId, conversationId) {
      agents.in(rooms.agent(agentId)).socketsJoin(rooms.conversation(conversationId));
    },
    leaveAgent(agentId, conversationId) {
      agents.in(rooms.agent(agentId)).socketsLeave(rooms.conversation(conversationId));
    },
    accessChanged(conversation: ConversationRecord) {
      withdrawLostAccess(agents, conversation, audit);
    },
    toQueue(queue, frame: ServerToAgent) {
      broadcastToStaff(agents.to([rooms.queue(queue), rooms.allQueues]), frame);
    },
    toWorklist(queue, frame: ServerToAgent) {
      broadcastToStaff(agents.to([rooms.worklist(queue), rooms.allWorklists]), frame);
    },
    toSupervisors(frame: ServerToAgent) {
      broadcastToStaff(agents.to(rooms.supervisors), frame);
    },
  };
}

import { FRAME_EVENT, type ServerToAgent, type ServerToPatient } from '@baton/handoff-protocol';
import type { Namespace, Server } from 'socket.io';
import type { DeskDelivery } from '../adapters/agent-desk-port';
import { CLEARANCES, staffFrame } from '../auth/staff-view';
import type { ConversationDelivery } from '../engine/types';
import type { ConversationRecord } from '../storage/records';
import type { HandshakeAudit } from './handshake';
import { withdrawLostAccess } from './room-access';
import { AGENT_NAMESPACE, PATIENT_NAMESPACE, rooms } from './room-names';

export { FRAME_EVENT } from '@baton/handoff-protocol';
export { AGENT_NAMESPACE, PATIENT_NAMESPACE, rooms } from './room-names';

type Broadcast = ReturnType<Namespace['to']>;

/**
 * Broadcasts a frame to staff sockets, each getting the view its clearance allows
 * (`staffFrame`). A frame with no patient context goes out once; otherwise once per
 * clearance, each excluding the sockets of the other clearance.
 */
export function broadcastToStaff(target: Broadcast, frame: ServerToAgent): void {
  // Most frames (every chat message) are the same for everyone: no views built for them.
  if (CLEARANCES.every((clearance) => staffFrame(clearance, frame) === frame)) {
    target.emit(FRAME_EVENT, frame);
    return;
  }
  const views = CLEARANCES.map((clearance) => [clearance, staffFrame(clearance, frame)] as const);
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

import type { Namespace } from 'socket.io';
import { viewAudience } from '../auth/audience';
import { canAccessConversation } from '../auth/policy';
import { auditRole, type StaffPrincipal } from '../auth/principal';
import type { ConversationRecord } from '../storage/records';
import type { HandshakeAudit } from './handshake';
import { rooms } from './room-names';

/**
 * Policy at the moment of delivery. Staff sockets get a conversation's frames through its
 * room; when the conversation changes (claimed by another, transferred, ended, returned),
 * every staff socket the policy no longer lets `view` it leaves the room, on every node,
 * before anything else is broadcast to it. Who keeps it is said as rooms each staff socket
 * joined on connection (supervisors, the holder's own room, the agents serving the queue),
 * so the adapter applies the rule in one broadcast that keeps its order with the frames that
 * follow. Each socket dropped is audited (`conversation.access_withdrawn`, with the policy's
 * reason).
 */
export function withdrawLostAccess(
  agents: Namespace,
  conversation: ConversationRecord,
  audit?: HandshakeAudit,
): void {
  const room = rooms.conversation(conversation.id);
  const audience = viewAudience(conversation);
  const keep = [
    rooms.staffRole('supervisor'),
    ...(audience.agentId ? [rooms.agent(audience.agentId)] : []),
    ...(audience.queue ? [rooms.serves(audience.queue)] : []),
    // Consulted colleagues read it live while it stays assigned (their grant lasts as long).
    ...(conversation.state === 'assigned' ? [rooms.consulting(conversation.id)] : []),
  ];
  const leaving = agents.in(room).except(keep);
  if (audit) {
    // Listed before the leave is broadcast: the same order on every node.
    leaving
      .fetchSockets()
      .then(async (sockets) => {
        const seen = new Set<string>();
        for (const socket of sockets) {
          const staff = socket.data.principal as StaffPrincipal | undefined;
          if (!staff || seen.has(staff.staffId)) continue;
          seen.add(staff.staffId);
          const decision = canAccessConversation(staff, conversation, 'view');
          await audit.appendAudit({
            action: 'conversation.access_withdrawn',
            outcome: 'denied',
            actorId: staff.staffId,
            actorRole: auditRole(staff),
            conversationId: conversation.id,
            patientId: conversation.patientId,
            reason: decision.allowed ? 'room_rule' : decision.reason,
          });
        }
      })
      .catch(() => undefined);
  }
  leaving.socketsLeave(room);
  if (conversation.state !== 'assigned')
    agents.in(rooms.consulting(conversation.id)).socketsLeave(rooms.consulting(conversation.id));
}

/** The groups a staff socket joins on connection, which `withdrawLostAccess` keeps. */
export function accessRoomsOf(staff: StaffPrincipal): string[] {
  return [
    ...staff.roles.map(rooms.staffRole),
    ...(staff.roles.includes('agent') ? staff.queues.map(rooms.serves) : []),
  ];
}

import type { Namespace } from 'socket.io';
import type { DeskDelivery } from '../adapters/agent-desk-port';
import { canAccessConversation } from '../auth/policy';
import type { AgentDesk } from '../desk/desk';
import type { ConversationEngine } from '../engine/engine';
import type { EngineLogger } from '../engine/types';
import { clusterRoomWatched } from '../gateway/cluster-watch';
import { rooms } from '../gateway/rooms';

/**
 * Connects the built-in desk to one server: its rooms, the engine's request log, the access
 * policy (the desk's `DeskServerLink`), and the engine's changes (state, bot sessions, the
 * worklist, surveys) that move its queues and dashboard; a queue left without agents makes
 * the engine re-check who waits there.
 */
export function wireDesk(
  desk: AgentDesk,
  wiring: {
    engine: ConversationEngine;
    delivery: DeskDelivery;
    agents: Namespace;
    logger: EngineLogger;
  },
): void {
  const { engine, delivery, logger } = wiring;
  desk.attach({
    delivery,
    // Supervisors on any node: this node's room, else the cluster's (cached; see the helper).
    supervisorsWatching: clusterRoomWatched(wiring.agents, rooms.supervisors),
    lookup: (id) => engine.request(id),
    link: {
      allows: (staff, conversation, action) =>
        canAccessConversation(staff, conversation, action).allowed,
      authorize: (staff, id, action, details) => engine.agent.authorize(staff, id, action, details),
      authorizeRecord: (staff, id, conversation, action) =>
        engine.agent.authorizeRecord(staff, id, conversation, action),
      committed: (id, externalId) => engine.committedAdapterMessage(id, externalId),
    },
  });
  engine.onChange(desk.onChange);
  engine.botSessions.listeners.add(desk.botSessionChanged);
  desk.onQueueUnstaffed((queue) => {
    engine.recheckStaffing(queue).catch(() => logger.warn({ queue }, 'staffing re-check failed'));
  });
  // The dashboard's worklist figures follow every item created, claimed or closed.
  engine.worklist.onChange((_change, item) => {
    desk.kpisChanged();
    desk.followUpChanged(item.conversationId);
  });
  engine.followups.onEvent((notice) => {
    if (notice.type === 'survey.completed') desk.kpisChanged();
  });
}

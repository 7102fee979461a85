import { BatonProtocolError, errorMessageFrom } from '@baton/handoff-protocol';
import type { Namespace } from 'socket.io';
import type { ConversationStore } from '../storage/contract';
import type { StaffRoleSet } from '../storage/staff-assignments';
import { REASSIGNED_ROOM } from './agent-departure';
import { FRAME_EVENT, rooms } from './rooms';

export interface StaffRefreshOptions {
  agents: Namespace;
  store: ConversationStore;
  /** Marks her offline on the desk (she is no agent any more). */
  setOffline: (staffId: string) => Promise<void>;
}

/**
 * A person's roles or queues changed: her desk record takes the new queues at once (routing
 * and claims read it), and every socket of hers, on every node (the adapter carries both
 * broadcasts), is told `token_expired` and disconnected: the console comes back at once with
 * a fresh token, resolved under the new assignment (rooms, waiting lists, dashboard access).
 */
export function createStaffRefresh(options: StaffRefreshOptions) {
  const { agents, store } = options;
  return async (staffId: string, assigned: StaffRoleSet): Promise<void> => {
    const agent = await store.getAgent(staffId);
    if (agent && assigned.roles.includes('agent'))
      await store.upsertAgent({
        id: agent.id,
        displayName: agent.displayName,
        queues: assigned.queues,
        capacity: agent.capacity,
      });
    else if (agent && agent.presence !== 'offline') await options.setOffline(staffId);
    // Marked first (on every node, in order through the adapter): her presence is kept while
    // her console reconnects (see agent-departure).
    agents.in(rooms.agent(staffId)).socketsJoin(REASSIGNED_ROOM);
    agents
      .to(rooms.agent(staffId))
      .emit(
        FRAME_EVENT,
        errorMessageFrom(
          new BatonProtocolError('token_expired', 'Your roles or queues changed; connect again'),
        ),
      );
    agents.in(rooms.agent(staffId)).disconnectSockets(true);
  };
}

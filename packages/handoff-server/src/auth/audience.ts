import { type ConversationRecord, FINISHED_STATES } from '../storage/records';
import type { StaffPrincipal } from './principal';

type AccessFields = Pick<ConversationRecord, 'state' | 'queue' | 'assignedAgentId'>;

/**
 * Which staff the policy lets watch a conversation (`view`), said as the groups a socket
 * belongs to: supervisors always; agents of its queue while it is queued; its holder while
 * it is assigned, or finished after she held it (read-only); nobody else. `canAccessConversation` decides for one person; this is the
 * same rule for a whole room, so delivery can drop everyone outside it in one step on every
 * node. `test/auth/audience.test.ts` checks both agree on every state and role.
 */
export interface ViewAudience {
  /** Agents who serve this queue (the conversation is queued). */
  queue: string | null;
  /** The agent holding it (the conversation is assigned). */
  agentId: string | null;
}

export function viewAudience(conversation: AccessFields): ViewAudience {
  if (conversation.state === 'queued') return { queue: conversation.queue, agentId: null };
  if (conversation.state === 'assigned' || FINISHED_STATES.has(conversation.state))
    return { queue: null, agentId: conversation.assignedAgentId };
  return { queue: null, agentId: null };
}

/** Whether one staff member is in the audience (the per-socket form of the room rule). */
export function inViewAudience(staff: StaffPrincipal, audience: ViewAudience): boolean {
  if (staff.roles.includes('supervisor')) return true;
  if (!staff.roles.includes('agent')) return false;
  if (audience.agentId !== null && audience.agentId === staff.staffId) return true;
  return audience.queue !== null && staff.queues.includes(audience.queue);
}

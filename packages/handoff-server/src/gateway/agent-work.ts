import { type ServerToAgent, serverToAgentMessage } from '@baton/handoff-protocol';
import type { StaffPrincipal } from '../auth/principal';
import type { ConversationEngine } from '../engine/engine';

type Assignments = Extract<ServerToAgent, { type: 'agent.assignments' }>;
type Assignment = Assignments['assignments'][number];

/** The most an `agent.assignments` frame lists (an agent's capacity is far lower). */
const MAX_ASSIGNMENTS = 100;

/**
 * Everything an agent holds, for `agent.assignments`: the work lives in the store, so a
 * reload or a second device gets it back. The caller sends it through the staff-view filter
 * (`staffFrame`), which trims each request to the recipient's clearance.
 */
export async function agentAssignments(
  engine: ConversationEngine,
  staff: StaffPrincipal,
): Promise<Assignments> {
  const held = await engine.store.listConversations({
    states: ['assigned'],
    assignedAgentId: staff.staffId,
  });
  const agentRecord = await engine.store.getAgent(staff.staffId);
  const agent = {
    id: staff.staffId,
    displayName: (agentRecord?.displayName ?? staff.displayName).slice(0, 100),
  };
  const assignments: Assignment[] = [];
  for (const conversation of held.slice(0, MAX_ASSIGNMENTS)) {
    const request = await engine.fullRequest(conversation.id);
    if (!request) continue;
    const log = await engine.log(conversation.id);
    assignments.push({
      conversationId: conversation.id,
      state: conversation.state,
      lastSeq: log.at(-1)?.seq ?? 0,
      agent,
      request,
      ...(conversation.queue ? { queue: conversation.queue } : {}),
    });
  }
  return serverToAgentMessage('agent.assignments', { assignments });
}

import type { ServerToAgent } from '@baton/handoff-protocol';
import { type ConsoleState, newView, visibleRequest } from './console-state';

type Assignments = Extract<ServerToAgent, { type: 'agent.assignments' }>;

/**
 * The server's list of what this agent holds (`agent.assignments`, on every connection):
 * a conversation the console does not show yet gets a view (its log comes with the
 * `conversation.open` the session sends); one it shows is hers again. The first one opens
 * when nothing is open, so a reload lands back in the conversation.
 */
export function applyAssignments(state: ConsoleState, frame: Assignments): ConsoleState {
  const mine = frame.assignments.filter((a) => a.agent.id === state.profile.staffId);
  const conversations = [...state.conversations];
  for (const a of mine) {
    const index = conversations.findIndex((c) => c.conversationId === a.conversationId);
    if (index >= 0) {
      const { closedBy: _closedBy, ...view } = conversations[index]!;
      conversations[index] = { ...view, state: a.state, held: true, agent: a.agent };
      continue;
    }
    conversations.push({
      ...newView(a.conversationId, a.state, visibleRequest(a.request, state.profile)),
      agent: a.agent,
    });
  }
  const held = new Set(mine.map((a) => a.conversationId));
  return {
    ...state,
    conversations,
    queue: state.queue.filter((i) => !held.has(i.conversationId)),
    activeConversationId: state.activeConversationId ?? mine[0]?.conversationId ?? null,
  };
}

/** Conversations of the frame this console did not show before it (to open from seq 0). */
export function newlyAssigned(before: ConsoleState, frame: Assignments): string[] {
  const shown = new Set(before.conversations.map((c) => c.conversationId));
  return frame.assignments
    .filter((a) => a.agent.id === before.profile.staffId && !shown.has(a.conversationId))
    .map((a) => a.conversationId);
}

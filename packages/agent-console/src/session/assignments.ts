import { agentMessage, type ServerToAgent } from '@baton/handoff-protocol';
import { type ConsoleState, newView, visibleRequest } from './console-state';
import type { SessionPort } from './session-port';

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

/**
 * After an assignment frame is applied (`before`: the state it was applied to): the logs to
 * ask for, and the view the console switches to.
 */
export function followAssignment(
  port: SessionPort,
  claimed: Set<string>,
  select: (conversationId: string) => void,
  before: ConsoleState,
  frame: ServerToAgent,
): void {
  if (frame.type === 'agent.assignments') {
    // Back after a reload or on another device: replay each log through the resume path.
    for (const conversationId of newlyAssigned(before, frame))
      port.send(agentMessage('conversation.open', { conversationId, sinceSeq: 0 }));
    return;
  }
  if (frame.type === 'conversation.assigned' && claimed.delete(frame.conversationId)) {
    // Accepting opens it: the console switches to the conversation it just claimed.
    select(frame.conversationId);
  }
  if (
    frame.type === 'conversation.assigned' &&
    frame.agent.id === before.profile.staffId &&
    port.state.drillIn?.conversationId === frame.conversationId
  ) {
    // Taken over from the dashboard: it is now one of hers, in the conversations view.
    port.set({ ...port.state, drillIn: null });
    select(frame.conversationId);
  }
  if (frame.type === 'conversation.assigned' && frame.agent.id === before.profile.staffId) {
    // The assignment carries the request; the log (messages sent while queued) and the
    // attributes this person may see come with `conversation.open`.
    port.send(
      agentMessage('conversation.open', { conversationId: frame.conversationId, sinceSeq: 0 }),
    );
  }
}

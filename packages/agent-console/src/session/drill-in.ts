import { agentMessage, createId, type ServerToAgent } from '@baton/handoff-protocol';
import type { ConsoleState } from './console-state';
import type { SessionPort } from './session-port';
import { applyServerFrame } from './state';

export type { DrillIn } from './console-state';

/** Frames about the watched conversation that change its view. */
const WATCHED: ReadonlySet<ServerToAgent['type']> = new Set([
  'conversation.transcript',
  'message',
  'note',
  'whisper',
  'supervisor.joined',
  'conversation.state',
  'typing',
  'read',
  'ack',
  'appointment.selected',
  'survey.completed',
]);

/** Whether `frame` belongs to the drill-in rather than to this person's own conversations. */
export function isDrillInFrame(state: ConsoleState, frame: ServerToAgent): boolean {
  const drill = state.drillIn;
  if (!drill || !WATCHED.has(frame.type) || !('conversationId' in frame)) return false;
  if (frame.conversationId !== drill.conversationId) return false;
  return !state.conversations.some((c) => c.conversationId === frame.conversationId);
}

/** The same reducer as one's own conversations, applied to the watched one alone. */
export function applyDrillInFrame(state: ConsoleState, frame: ServerToAgent): ConsoleState {
  const drill = state.drillIn;
  if (!drill) return state;
  const scratch: ConsoleState = {
    ...state,
    conversations: drill.view ? [drill.view] : [],
    activeConversationId: null,
  };
  const view = applyServerFrame(scratch, frame).conversations[0] ?? drill.view;
  if (view === drill.view) return state;
  // Someone else's conversation: "held" by its agent, never this console's to close.
  return { ...state, drillIn: { ...drill, view: view ? { ...view, held: true } : null } };
}

/** Supervisors: open any live conversation read-only (audited by the server). */
export function drillIn(port: SessionPort, conversationId: string): void {
  if (port.state.drillIn?.conversationId !== conversationId) closeDrillIn(port);
  port.set({ ...port.state, drillIn: { conversationId, view: null, barged: false } });
  port.send(agentMessage('conversation.open', { conversationId, sinceSeq: 0 }));
}

/** Stops watching: the server stops sending it (unless it is one of hers). */
export function closeDrillIn(port: SessionPort): void {
  const conversationId = port.state.drillIn?.conversationId;
  port.set({ ...port.state, drillIn: null });
  if (conversationId) port.send(agentMessage('conversation.close', { conversationId }));
}

/** Supervisors: a message to the agent only; the patient never receives it. */
export function whisper(port: SessionPort, conversationId: string, text: string): void {
  port.sendPending(
    agentMessage('conversation.whisper', { conversationId, clientMessageId: createId(), text }),
  );
}

/** Supervisors: join the watched conversation; the patient is told a supervisor joined. */
export function barge(port: SessionPort, conversationId: string): void {
  const drill = port.state.drillIn;
  if (drill?.conversationId === conversationId)
    port.set({ ...port.state, drillIn: { ...drill, barged: true } });
  port.sendPending(
    agentMessage('conversation.barge', { conversationId, clientMessageId: createId() }),
  );
}

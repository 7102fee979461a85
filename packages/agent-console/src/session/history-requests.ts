import { agentMessage } from '@baton/handoff-protocol';
import { closeHistoryTranscript } from './history';
import type { SessionPort } from './session-port';

// The patient panel's requests; the answers are applied in `history.ts`.

/** The patient's earlier conversations (answered with `patient.history`). */
export function requestHistory(port: SessionPort, conversationId: string): void {
  port.send(agentMessage('patient.history', { conversationId }));
}

/** Open one earlier conversation read-only (audited on the server as `history.view`). */
export function openHistory(
  port: SessionPort,
  conversationId: string,
  pastConversationId: string,
): void {
  port.send(agentMessage('patient.history.open', { conversationId, pastConversationId }));
}

export function closeHistory(port: SessionPort): void {
  const { history } = port.state;
  if (history) port.set({ ...port.state, history: closeHistoryTranscript(history) });
}

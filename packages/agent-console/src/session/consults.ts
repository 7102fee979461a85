import { agentMessage, createId, type ServerToAgent } from '@baton/handoff-protocol';
import { markConsultSeen, withConsultTranscript } from './chat-actions-state';
import type { SessionPort } from './session-port';

/**
 * Consultations: asking a colleague about a conversation in a staff-only thread, and, for the
 * colleague, reading that conversation (read-only, audited).
 */
export class ConsultRequests {
  /** Conversations asked for through `consult.open`: read-only, kept with the consultation. */
  readonly #opens = new Set<string>();
  readonly #port: SessionPort;

  constructor(port: SessionPort) {
    this.#port = port;
  }

  /** Asks a colleague about this conversation in a staff-only thread. */
  request(conversationId: string, agentId: string, text: string): void {
    this.#port.send(agentMessage('consult.request', { conversationId, agentId, text }));
  }

  /** The consulted agent reads the conversation (read-only, audited). */
  open(conversationId: string): void {
    this.#opens.add(conversationId);
    this.#port.send(agentMessage('consult.open', { conversationId }));
  }

  message(conversationId: string, consultantId: string, text: string): void {
    this.#port.send(
      agentMessage('consult.message', {
        conversationId,
        consultantId,
        clientMessageId: createId(),
        text,
      }),
    );
  }

  /** A consultation thread is in view: its lines count as seen. */
  see(conversationId: string, consultantId: string): void {
    const { state } = this.#port;
    this.#port.set({ ...state, chat: markConsultSeen(state.chat, conversationId, consultantId) });
  }

  /** Keeps a transcript asked for through `consult.open`; false when it is not one of those. */
  transcript(frame: Extract<ServerToAgent, { type: 'conversation.transcript' }>): boolean {
    if (!this.#opens.delete(frame.conversationId)) return false;
    // A consulted conversation: read-only, not one this console holds.
    const { state } = this.#port;
    this.#port.set({
      ...state,
      chat: withConsultTranscript(state.chat, state.profile.staffId, frame),
    });
    return true;
  }
}

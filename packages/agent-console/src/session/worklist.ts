import { agentMessage, type ServerToAgent } from '@baton/handoff-protocol';
import type { SessionPort } from './session-port';
import { withFollowUpTranscript } from './worklist-state';

/** The follow-up worklist's commands: take, close, and read the conversation behind an item. */
export class FollowUpRequests {
  /** Conversations asked for through `followup.open`: their transcript goes to the worklist. */
  readonly #opens = new Set<string>();
  readonly #port: SessionPort;

  constructor(port: SessionPort) {
    this.#port = port;
  }

  /** Take a follow-up item (one agent wins; the others get a notice). */
  claim(itemId: string): void {
    this.#port.send(agentMessage('followup.claim', { itemId }));
  }

  /** Close a follow-up item this person holds, saying what was done. */
  close(itemId: string, note: string): void {
    this.#port.send(agentMessage('followup.close', { itemId, note }));
  }

  /** Read the conversation behind a follow-up item (kept apart from one's conversations). */
  open(itemId: string, conversationId: string): void {
    this.#opens.add(conversationId);
    this.#port.send(agentMessage('followup.open', { itemId }));
  }

  /** Keeps a transcript asked for through `followup.open`; false when it is not one of those. */
  transcript(frame: Extract<ServerToAgent, { type: 'conversation.transcript' }>): boolean {
    if (!this.#opens.delete(frame.conversationId)) return false;
    // A follow-up's read-only history: not one of the conversations this console holds.
    const { state } = this.#port;
    this.#port.set({ ...state, worklist: withFollowUpTranscript(state.worklist, frame) });
    return true;
  }
}

import type { AgentToServer, ErrorCode, ServerToAgent } from '@baton/handoff-protocol';
import type { ConsoleNotice, ConsoleState } from './console-state';
import { patchConversation } from './conversation-items';

type ErrorFrame = Extract<ServerToAgent, { type: 'error' }>;

/** What a refused frame was, as far as this console knows it. */
export interface Refusal {
  action: AgentToServer['type'] | 'unknown';
  clientMessageId?: string;
  conversationId?: string;
}

interface SentRecord {
  type: AgentToServer['type'];
  conversationId?: string;
  clientMessageId?: string;
}

const MAX_SENT_RECORDS = 500;

/** The last frames sent, by envelope id: an `error` names only the frame it answers. */
export class SentFrames {
  readonly #sent = new Map<string, SentRecord>();

  record(frame: AgentToServer): void {
    this.#sent.set(frame.id, {
      type: frame.type,
      ...('conversationId' in frame ? { conversationId: frame.conversationId } : {}),
      ...('clientMessageId' in frame ? { clientMessageId: frame.clientMessageId } : {}),
    });
    if (this.#sent.size > MAX_SENT_RECORDS) {
      this.#sent.delete(this.#sent.keys().next().value as string);
    }
  }

  /** The refused frame: what the error says, completed by what was sent. */
  refusal(frame: ErrorFrame): Refusal {
    const sent = frame.inReplyTo ? this.#sent.get(frame.inReplyTo) : undefined;
    const clientMessageId = frame.clientMessageId ?? sent?.clientMessageId;
    const conversationId = frame.conversationId ?? sent?.conversationId;
    return {
      action: sent?.type ?? 'unknown',
      ...(clientMessageId ? { clientMessageId } : {}),
      ...(conversationId ? { conversationId } : {}),
    };
  }
}

/** The state after a refusal that is not a pending message's: a notice, or nothing to show. */
export function applyRefusal(
  state: ConsoleState,
  frame: ErrorFrame,
  { action, conversationId }: Refusal,
): ConsoleState {
  if (action === 'typing' || action === 'read') return state;
  if (action === 'conversation.open' && conversationId && frame.code === 'forbidden') {
    // Ended or moved on while this console was away: it is no longer ours.
    return patchConversation(state, conversationId, { held: false });
  }
  let kind: ConsoleNotice['kind'] = 'action-failed';
  if (action === 'conversation.claim') kind = claimRefusal(frame) ?? kind;
  const notice: ConsoleNotice = {
    id: frame.id,
    kind,
    action,
    code: frame.code as ErrorCode,
    message: frame.message,
    ...(conversationId ? { conversationId } : {}),
  };
  return { ...state, notices: [...state.notices, notice].slice(-5) };
}

/**
 * Why a claim was refused: `conflict` = another agent won; `forbidden` names the agent's own
 * obstacle in `issues[0].path` (`presence` or `capacity`).
 */
function claimRefusal(frame: ErrorFrame): ConsoleNotice['kind'] | undefined {
  if (frame.code === 'conflict') return 'claim-conflict';
  if (frame.code !== 'forbidden') return undefined;
  const reason = frame.issues?.[0]?.path;
  if (reason === 'presence') return 'claim-needs-presence';
  if (reason === 'capacity') return 'claim-at-capacity';
  return undefined;
}

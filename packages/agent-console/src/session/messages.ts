import { agentMessage, createId, type TextFormat } from '@baton/handoff-protocol';
import { isClosed } from './console-state';
import { addOutgoing, patchConversation } from './conversation-items';
import type { SessionPort } from './session-port';

const TYPING_REPEAT_MS = 3000;

/** Sends a chat message, shown at once as `sending`; returns its `clientMessageId`. */
export function sendMessage(
  port: SessionPort,
  conversationId: string,
  text: string,
  textFormat?: TextFormat,
): string {
  const clientMessageId = createId();
  const frame = agentMessage('message', {
    conversationId,
    clientMessageId,
    text,
    ...(textFormat ? { textFormat } : {}),
  });
  port.set(
    addOutgoing(port.state, conversationId, 'message', clientMessageId, text, frame.ts, textFormat),
  );
  port.sendPending(frame);
  return clientMessageId;
}

/** An internal note: stored and shown to staff, never sent to the patient. */
export function addNote(port: SessionPort, conversationId: string, text: string): string {
  const clientMessageId = createId();
  const frame = agentMessage('note', { conversationId, clientMessageId, text });
  port.set(addOutgoing(port.state, conversationId, 'note', clientMessageId, text, frame.ts));
  port.sendPending(frame);
  return clientMessageId;
}

/** Read receipt for every patient message shown so far. */
export function markRead(port: SessionPort, conversationId: string): void {
  const view = port.state.conversations.find((c) => c.conversationId === conversationId);
  if (!view || isClosed(view)) return;
  let upToSeq = 0;
  for (const item of view.items)
    if (item.from === 'patient' && item.seq !== undefined) upToSeq = Math.max(upToSeq, item.seq);
  if (upToSeq <= view.readSentUpToSeq) return;
  port.set(patchConversation(port.state, conversationId, { readSentUpToSeq: upToSeq }));
  port.send(agentMessage('read', { conversationId, upToSeq }));
}

/** Typing indicator, per conversation: repeated at most every 3 s while active; once when it stops. */
export class TypingSignal {
  readonly #typing = new Map<string, { active: boolean; at: number }>();
  readonly #port: SessionPort;

  constructor(port: SessionPort) {
    this.#port = port;
  }

  set(conversationId: string, active: boolean): void {
    const last = this.#typing.get(conversationId);
    const now = Date.now();
    if (active && last?.active && now - last.at < TYPING_REPEAT_MS) return;
    if (!active && !last?.active) return;
    this.#typing.set(conversationId, { active, at: now });
    this.#port.send(agentMessage('typing', { conversationId, active }));
  }
}

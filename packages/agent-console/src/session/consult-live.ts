import type { ConversationLogEntry, ServerToAgent } from '@baton/handoff-protocol';
import type { ConsoleState } from './console-state';

/**
 * A conversation a colleague asked this agent about, followed live once she opened it
 * (`consult.open`): the server sends her the conversation's frames until the consultation
 * ends. Messages, files, notes and state changes after the transcript she got are appended
 * to that read-only view, in `seq` order, each once.
 */
export function consultLogEntry(frame: ServerToAgent): ConversationLogEntry | null {
  switch (frame.type) {
    case 'message':
      return {
        seq: frame.seq,
        at: frame.ts,
        kind: 'message',
        from: frame.from,
        text: frame.text.slice(0, 4000),
        ...(frame.agent ? { author: frame.agent } : {}),
        ...(frame.textFormat ? { textFormat: frame.textFormat } : {}),
      };
    case 'attachment':
      return {
        seq: frame.seq,
        at: frame.ts,
        kind: 'message',
        from: frame.from,
        attachment: frame.attachment,
        ...(frame.caption ? { text: frame.caption.slice(0, 4000) } : {}),
        ...(frame.agent ? { author: frame.agent } : {}),
      };
    case 'note':
    case 'whisper':
      return {
        seq: frame.seq,
        at: frame.ts,
        kind: 'note',
        from: 'agent',
        text: frame.text.slice(0, 4000),
        author: frame.author,
        ...(frame.type === 'whisper' ? { whisper: true } : {}),
      };
    case 'conversation.state':
      return frame.seq === undefined
        ? null
        : { seq: frame.seq, at: frame.ts, kind: 'event', from: 'system', event: frame.event };
    default:
      return null;
  }
}

/**
 * The console state with `frame` added to the consulted conversation it belongs to, or null
 * when it is not such a frame (one of her own conversations, or one not opened as a consult).
 */
export function applyConsultFrame(state: ConsoleState, frame: ServerToAgent): ConsoleState | null {
  if (!('conversationId' in frame)) return null;
  const { conversationId } = frame;
  if (state.conversations.some((c) => c.conversationId === conversationId)) return null;
  const me = state.profile.staffId;
  const chat = state.chat;
  const thread = chat?.consults.find(
    (t) => t.conversationId === conversationId && t.consultantId === me && t.transcript,
  );
  if (!chat || !thread?.transcript) return null;
  // The last frame she gets about it: the server withdraws the view right after.
  const closed =
    frame.type === 'conversation.state' && frame.to !== 'assigned'
      ? { closed: { to: frame.to, at: frame.ts } }
      : {};
  // Other frames about it (the consultation thread, typing, read...) go their usual way.
  const entry = consultLogEntry(frame);
  if (!entry) {
    if (!('closed' in closed)) return null;
    const consults = chat.consults.map((t) => (t === thread ? { ...t, ...closed } : t));
    return { ...state, chat: { ...chat, consults } };
  }
  const { log } = thread.transcript;
  if (log.some((e) => e.seq === entry.seq)) return state;
  const next = [...log, entry].sort((a, b) => a.seq - b.seq).slice(-5000);
  return {
    ...state,
    chat: {
      ...chat,
      consults: chat.consults.map((t) =>
        t === thread
          ? { ...t, ...closed, transcript: { request: thread.transcript!.request, log: next } }
          : t,
      ),
    },
  };
}

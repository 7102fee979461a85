import type { ConversationLogEntry, ErrorCode, TextFormat } from '@baton/handoff-protocol';
import type { ChatItem, ConsoleState, ConversationView } from './console-state';

// The lines of one conversation view: merged from the log, sent from here, failed.

function sortItems(items: ChatItem[]): ChatItem[] {
  const logged = items.filter((i) => i.seq !== undefined).sort((a, b) => a.seq! - b.seq!);
  return [...logged, ...items.filter((i) => i.seq === undefined)];
}

export function updateConversation(
  state: ConsoleState,
  conversationId: string,
  change: (view: ConversationView) => ConversationView,
): ConsoleState {
  const index = state.conversations.findIndex((c) => c.conversationId === conversationId);
  if (index < 0) return state;
  const conversations = [...state.conversations];
  conversations[index] = change(conversations[index]!);
  return { ...state, conversations };
}

/** Adds or merges a logged line: by `clientMessageId` for what this console sent, else by `seq`. */
export function mergeItem(view: ConversationView, item: ChatItem): ConversationView {
  const lastSeq = Math.max(view.lastSeq, item.seq ?? 0);
  if (item.clientMessageId && item.from === 'agent') {
    const mine = view.items.findIndex((i) => i.clientMessageId === item.clientMessageId);
    if (mine >= 0) {
      const items = view.items
        .filter((i, index) => index === mine || i.seq === undefined || i.seq !== item.seq)
        .map((i) =>
          i.clientMessageId === item.clientMessageId
            ? { ...i, seq: item.seq, delivery: 'acked' as const, at: item.at }
            : i,
        );
      return { ...view, items: sortItems(items), lastSeq };
    }
  }
  if (item.seq !== undefined && view.items.some((i) => i.seq === item.seq)) {
    return { ...view, lastSeq };
  }
  return { ...view, items: sortItems([...view.items, item]), lastSeq };
}

export function logItem(entry: ConversationLogEntry): ChatItem {
  return {
    key: `s${entry.seq}`,
    seq: entry.seq,
    kind: entry.kind,
    from: entry.from,
    at: entry.at,
    ...(entry.author ? { author: entry.author } : {}),
    ...(entry.text !== undefined ? { text: entry.text } : {}),
    ...(entry.event ? { event: entry.event } : {}),
    ...(entry.textFormat ? { textFormat: entry.textFormat } : {}),
    ...(entry.whisper ? { whisper: true } : {}),
    ...(entry.attachment ? { attachment: entry.attachment } : {}),
    ...(entry.appointmentStart ? { appointmentStart: entry.appointmentStart } : {}),
    // A logged agent message is stored: after a reload it shows sent (or read) as it did live.
    ...(entry.kind === 'message' && entry.from === 'agent' ? { delivery: 'acked' as const } : {}),
  };
}

export function upsertConversation(
  state: ConsoleState,
  conversationId: string,
  create: () => ConversationView,
  change: (view: ConversationView) => ConversationView,
): ConsoleState {
  if (state.conversations.some((c) => c.conversationId === conversationId)) {
    return updateConversation(state, conversationId, change);
  }
  return {
    ...state,
    conversations: [...state.conversations, change(create())],
    activeConversationId: state.activeConversationId ?? conversationId,
  };
}

/** A message or note this console is sending: shown at once as `sending`. */
export function addOutgoing(
  state: ConsoleState,
  conversationId: string,
  kind: 'message' | 'note',
  clientMessageId: string,
  text: string,
  at: string,
  textFormat?: TextFormat,
): ConsoleState {
  return updateConversation(state, conversationId, (view) => ({
    ...view,
    items: [
      ...view.items,
      {
        key: `c${clientMessageId}`,
        kind,
        from: 'agent',
        at,
        text,
        ...(textFormat ? { textFormat } : {}),
        clientMessageId,
        delivery: 'sending',
        ...(view.agent ? { author: view.agent } : {}),
      },
    ],
  }));
}

export function markFailed(
  state: ConsoleState,
  conversationId: string,
  clientMessageId: string,
  code: ErrorCode,
): ConsoleState {
  return updateConversation(state, conversationId, (view) => ({
    ...view,
    items: view.items.map((i) =>
      i.clientMessageId === clientMessageId && i.delivery !== 'acked'
        ? { ...i, delivery: 'failed' as const, failure: code }
        : i,
    ),
  }));
}

export function patchConversation(
  state: ConsoleState,
  conversationId: string,
  patch: Partial<ConversationView>,
): ConsoleState {
  return updateConversation(state, conversationId, (view) => ({ ...view, ...patch }));
}

/** Without a closed conversation's tab; the next one shows if it was in view. */
export function dismissConversation(state: ConsoleState, conversationId: string): ConsoleState {
  const conversations = state.conversations.filter((c) => c.conversationId !== conversationId);
  const active =
    state.activeConversationId === conversationId
      ? (conversations[0]?.conversationId ?? null)
      : state.activeConversationId;
  return { ...state, conversations, activeConversationId: active };
}

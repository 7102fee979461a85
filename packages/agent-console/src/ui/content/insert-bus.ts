type Listener = (text: string) => void;

const listeners = new Map<string, Set<Listener>>();

/** Puts text into a conversation's composer (script steps, article snippets and links). */
export function insertIntoComposer(conversationId: string, text: string): void {
  for (const listener of listeners.get(conversationId) ?? []) listener(text);
}

/** The composer of `conversationId` listens; returns the unsubscribe. */
export function onComposerInsert(conversationId: string, listener: Listener): () => void {
  let set = listeners.get(conversationId);
  if (!set) {
    set = new Set();
    listeners.set(conversationId, set);
  }
  set.add(listener);
  return () => {
    set.delete(listener);
    if (set.size === 0) listeners.delete(conversationId);
  };
}

import {
  type AgentToServer,
  agentMessage,
  type ContentDraft,
  type ContentItem,
  type ServerToAgent,
} from '@baton/handoff-protocol';

/** The content a console holds: per open conversation (its queue's items) and the admin list. */
export interface ContentCatalogState {
  conversations: Readonly<Record<string, { queue: string | null; items: readonly ContentItem[] }>>;
  /** Every item, retired ones too (admins, once asked for). */
  admin: readonly ContentItem[] | null;
}

type Request = { kind: 'conversation'; conversationId: string } | { kind: 'admin' };
type ContentFrame = Extract<ServerToAgent, { type: 'content.items' | 'content.changed' }>;

const byKindAndTitle = (a: ContentItem, b: ContentItem) =>
  a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : a.title.localeCompare(b.title);

function upsert(items: readonly ContentItem[], item: ContentItem): ContentItem[] {
  return [...items.filter((i) => i.id !== item.id), item].sort(byKindAndTitle);
}

/**
 * A list the server read before a save can arrive after that save's `content.changed`: the
 * item keeps the later version it already has, and a newer item stays (a list never rolls an
 * edit back). Under load the console otherwise showed the old text and never said "Saved".
 */
function newest(
  listed: readonly ContentItem[],
  known: readonly ContentItem[] | null,
): readonly ContentItem[] {
  if (!known) return listed;
  const versions = new Map(known.map((i) => [i.id, i]));
  const merged = listed.map((i) => {
    const seen = versions.get(i.id);
    return seen && seen.version > i.version ? seen : i;
  });
  // Items are retired, never deleted: one known and not listed was created after the read.
  const listedIds = new Set(listed.map((i) => i.id));
  const created = known.filter((i) => !listedIds.has(i.id));
  return created.length ? [...merged, ...created].sort(byKindAndTitle) : merged;
}

/**
 * What `content.list` answered, kept apart from the desk state: the server is the source,
 * this is a cache refreshed by every `content.changed` (an admin's edit reaches open consoles).
 */
export class ContentCatalog {
  #state: ContentCatalogState = { conversations: {}, admin: null };
  readonly #pending = new Map<string, Request>();
  readonly #listeners = new Set<(state: ContentCatalogState) => void>();

  get state(): ContentCatalogState {
    return this.#state;
  }

  subscribe(listener: (state: ContentCatalogState) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Remembers what a `content.list` frame was for (its envelope id). */
  expect(frameId: string, request: Request): void {
    this.#pending.set(frameId, request);
    if (this.#pending.size > 100) this.#pending.delete(this.#pending.keys().next().value as string);
  }

  /** After a reconnection: changes may have been missed, so every list is asked for again. */
  reset(): void {
    this.#pending.clear();
    this.#set({ conversations: {}, admin: this.#state.admin });
  }

  apply(frame: ContentFrame): void {
    if (frame.type === 'content.items') {
      const request = this.#pending.get(frame.inReplyTo);
      if (!request) return;
      this.#pending.delete(frame.inReplyTo);
      if (request.kind === 'admin')
        this.#set({ ...this.#state, admin: newest(frame.items, this.#state.admin) });
      else
        this.#set({
          ...this.#state,
          conversations: {
            ...this.#state.conversations,
            [request.conversationId]: { queue: frame.queue, items: frame.items },
          },
        });
      return;
    }
    const { item } = frame;
    const conversations: Record<string, { queue: string | null; items: readonly ContentItem[] }> =
      {};
    for (const [id, entry] of Object.entries(this.#state.conversations)) {
      const belongs = !item.retired && (item.queue === null || item.queue === entry.queue);
      const rest = entry.items.filter((i) => i.id !== item.id);
      conversations[id] = { queue: entry.queue, items: belongs ? upsert(rest, item) : rest };
    }
    const admin = this.#state.admin ? upsert(this.#state.admin, item) : null;
    this.#set({ conversations, admin });
  }

  #set(next: ContentCatalogState): void {
    this.#state = next;
    for (const listener of this.#listeners) listener(next);
  }
}

type Send = (frame: AgentToServer) => boolean;

/** Asks for the content of a conversation's queue (answered into the catalog). */
export function loadConversationContent(
  catalog: ContentCatalog,
  send: Send,
  conversationId: string,
): void {
  const frame = agentMessage('content.list', { conversationId });
  catalog.expect(frame.id, { kind: 'conversation', conversationId });
  send(frame);
}

/** Admins: every item, retired ones too. */
export function loadAllContent(catalog: ContentCatalog, send: Send): void {
  const frame = agentMessage('content.list', { includeRetired: true });
  catalog.expect(frame.id, { kind: 'admin' });
  send(frame);
}

/** Admins: create (no `id`) or edit an item; the server answers every console. */
export function saveContent(send: Send, draft: ContentDraft): void {
  send(agentMessage('content.save', { draft }));
}

/** Admins: retire (hide from agents) or restore an item. */
export function retireContent(send: Send, itemId: string, retired: boolean): void {
  send(agentMessage('content.retire', { itemId, retired }));
}

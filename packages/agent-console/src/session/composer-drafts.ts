/** What the composer held for a conversation: its mode and the text not sent yet. */
export interface ComposerDraft {
  mode: 'message' | 'note';
  text: string;
}

/** Most drafts kept: an agent works a handful of conversations at once. */
const MAX_DRAFTS = 50;

/**
 * What an agent typed in a conversation and has not sent, kept while she works another one
 * (the composer is made anew for each conversation). In memory only, never in browser
 * storage: a draft may be PHI. Lost on reload or sign-out, like an unsent line in any chat.
 */
export class ComposerDrafts {
  readonly #drafts = new Map<string, ComposerDraft>();

  get(conversationId: string): ComposerDraft | undefined {
    return this.#drafts.get(conversationId);
  }

  /** Keeps the draft; an empty message draft is forgotten. */
  save(conversationId: string, draft: ComposerDraft): void {
    this.#drafts.delete(conversationId);
    if (draft.text === '' && draft.mode === 'message') return;
    if (this.#drafts.size >= MAX_DRAFTS) {
      const oldest = this.#drafts.keys().next().value;
      if (oldest !== undefined) this.#drafts.delete(oldest);
    }
    this.#drafts.set(conversationId, draft);
  }

  forget(conversationId: string): void {
    this.#drafts.delete(conversationId);
  }
}

import type { ChatSession } from '../types';

interface TokenRefreshHooks {
  /** A request for a fresh session for the current conversation, or null when there is none. */
  request(): Promise<ChatSession> | null;
  /** Hand the new token to the Direct Line client. */
  apply(session: ChatSession): void;
  fail(cause: unknown): void;
}

/**
 * Keeps the Direct Line token alive. The client refreshes tokens every 15 minutes itself;
 * shorter-lived tokens are renewed here at 80% of their life, and an expired token (the
 * client reports it) is replaced with a fresh session for the same conversation. One request
 * at a time.
 */
export class TokenRefresh {
  #timer: ReturnType<typeof setTimeout> | undefined;
  #pending: Promise<void> | null = null;

  constructor(private readonly hooks: TokenRefreshHooks) {}

  refresh(): Promise<void> {
    if (this.#pending) return this.#pending;
    const request = this.hooks.request();
    if (!request) return Promise.resolve();
    const pending = request
      .then((session) => {
        // Done before applying: an expiry the client reports while it switches tokens (its
        // poll with the old one) starts a new refresh instead of being taken for this one.
        this.#pending = null;
        this.hooks.apply(session);
        this.schedule(session.directLine.expiresIn);
      })
      .catch((cause: unknown) => {
        this.#pending = null;
        this.hooks.fail(cause);
      });
    this.#pending = pending;
    return pending;
  }

  schedule(expiresIn: number | undefined): void {
    clearTimeout(this.#timer);
    if (!expiresIn || expiresIn >= 20 * 60) return;
    const delay = Math.max(5, expiresIn * 0.8) * 1000;
    this.#timer = setTimeout(() => void this.refresh(), delay);
  }

  stop(): void {
    clearTimeout(this.#timer);
  }
}

import type { WebhookEvent } from './events';

/**
 * An event the receiver never acknowledged: retries ran out, it answered with a final 4xx,
 * or the adapter stopped first. Holds the whole event (message text included): a persistent
 * store must keep it encrypted at rest, like any transcript.
 */
export interface WebhookDeadLetter {
  event: WebhookEvent;
  attempts: number;
  /** Why the last attempt failed; fixed wording, never response content. */
  lastError: { status: number | null; reason: 'http-status' | 'network' | 'timeout' | 'stopped' };
  deadAt: string;
}

/** Where dead letters go. The server may persist them; the default keeps them in memory. */
export interface WebhookDeadLetterStore {
  add(letter: WebhookDeadLetter): Promise<void>;
}

/** Bounded in-memory dead letters (the oldest go first past `maxEntries`, default 1000). */
export class MemoryWebhookDeadLetters implements WebhookDeadLetterStore {
  private readonly letters: WebhookDeadLetter[] = [];

  constructor(private readonly maxEntries = 1000) {}

  async add(letter: WebhookDeadLetter): Promise<void> {
    this.letters.push(letter);
    if (this.letters.length > this.maxEntries)
      this.letters.splice(0, this.letters.length - this.maxEntries);
  }

  list(): readonly WebhookDeadLetter[] {
    return [...this.letters];
  }

  /** Removes and returns every letter (e.g. to replay them). */
  drain(): WebhookDeadLetter[] {
    return this.letters.splice(0, this.letters.length);
  }
}

/** A command that changes the conversation log: resent with the same id until acknowledged. */
export interface OutboxEntry<F> {
  readonly frame: F;
  attempts: number;
  /** When to send it again if no ack came (0: as soon as it can go). */
  due: number;
  /** Refused or never acknowledged: kept for a manual retry, never resent by itself. */
  failed: boolean;
}

export interface OutboxOptions<F> {
  /** Puts the frame on the wire; false when it cannot go now (offline, held back). */
  transmit(frame: F): boolean;
  /** Wait this long for the first ack, doubling per attempt. */
  ackTimeoutMs: number;
  /** An entry gave up: refused for good, or no ack after the last attempt. */
  failed(frame: F, code: string): void;
}

/**
 * Whether a server `error` asks to send the same command again later rather than give up:
 * its `retryable` flag (`unavailable` during a store outage, `rate_limited`, `timeout`,
 * `internal`; see `ERROR_CODES`), with `unavailable` trusted even from an older server.
 */
export function isRetryLater(error: { code: string; retryable?: boolean }): boolean {
  return error.retryable === true || error.code === 'unavailable';
}

/** Attempts before an entry fails with `timeout`. */
const MAX_ATTEMPTS = 6;

/**
 * Send-until-acknowledged, keyed by `clientMessageId` (the server de-duplicates a resent id and
 * acks it again with the original seq). `tick` resends stale entries with backoff; `resend`
 * puts every live entry on the wire again after a reconnect.
 */
export class Outbox<F extends { clientMessageId: string }> {
  readonly entries = new Map<string, OutboxEntry<F>>();
  readonly #options: OutboxOptions<F>;

  constructor(options: OutboxOptions<F>) {
    this.#options = options;
  }

  add(frame: F): void {
    const entry: OutboxEntry<F> = { frame, attempts: 0, due: 0, failed: false };
    this.entries.set(frame.clientMessageId, entry);
    this.#send(entry);
  }

  /** Acknowledged (or given up on): forget `key`; returns what was sent (undefined: not ours). */
  settle(key: string): F | undefined {
    const entry = this.entries.get(key);
    this.entries.delete(key);
    return entry?.frame;
  }

  /**
   * The server refused `key`. With `retryLater` the entry stays pending and `tick` resends it
   * (until its attempts run out); else it fails: kept for `retry`, and returned.
   */
  refuse(key: string, retryLater: boolean): F | undefined {
    const entry = this.entries.get(key);
    if (!entry || entry.failed) return undefined;
    if (retryLater && entry.attempts < MAX_ATTEMPTS) return undefined;
    entry.failed = true;
    return entry.frame;
  }

  /** Sends a failed entry again with its original id (the person asked to). */
  retry(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    entry.attempts = 0;
    entry.failed = false;
    this.#send(entry);
  }

  /** After a (re)connect: everything not failed goes again. */
  resend(): void {
    for (const entry of this.entries.values()) if (!entry.failed) this.#send(entry);
  }

  /** Resends entries whose ack is overdue; an entry out of attempts fails with `timeout`. */
  tick(): void {
    for (const entry of this.entries.values()) {
      if (entry.failed || Date.now() < entry.due) continue;
      if (entry.attempts < MAX_ATTEMPTS) this.#send(entry);
      else {
        entry.failed = true;
        this.#options.failed(entry.frame, 'timeout');
      }
    }
  }

  #send(entry: OutboxEntry<F>): void {
    if (!this.#options.transmit(entry.frame)) return;
    entry.due = Date.now() + this.#options.ackTimeoutMs * 2 ** entry.attempts++;
  }
}

/**
 * A token bucket per connection: `burst` frames at once, refilled at `perSecond`. A frame
 * over the limit is answered with a `rate_limited` error, never silently dropped.
 */
export interface RateLimit {
  burst: number;
  perSecond: number;
}

export const DEFAULT_RATE_LIMIT: RateLimit = { burst: 30, perSecond: 10 };

export class TokenBucket {
  readonly #limit: RateLimit;
  #tokens: number;
  #last: number;

  constructor(limit: RateLimit, now: () => number = Date.now) {
    this.#limit = limit;
    this.#tokens = limit.burst;
    this.#last = now();
    this.now = now;
  }

  readonly now: () => number;

  take(): boolean {
    const now = this.now();
    const refill = ((now - this.#last) / 1000) * this.#limit.perSecond;
    this.#tokens = Math.min(this.#limit.burst, this.#tokens + refill);
    this.#last = now;
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }
}

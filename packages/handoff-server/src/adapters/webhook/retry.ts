/** How a webhook delivery is retried: bounded attempts, exponential backoff with jitter. */
export interface RetryPolicy {
  /** Attempts in all, the first included; default 6. */
  maxAttempts: number;
  /** Delay before the first retry, before jitter; default 500 ms. */
  baseDelayMs: number;
  /** Cap on any one delay (also on `Retry-After`); default 30 s. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
};

/**
 * The wait before attempt `attempt + 1` after `attempt` failed (1-based): the exponential
 * step `base * 2^(attempt-1)` capped at `maxDelayMs`, then "equal jitter": half of it fixed,
 * half random, so retries from many conversations spread out but never come back at once.
 * A `Retry-After` from the receiver raises the wait (still capped).
 */
export function backoffDelay(
  attempt: number,
  policy: RetryPolicy,
  random: () => number,
  retryAfterMs?: number,
): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  const jittered = step / 2 + (step / 2) * Math.min(1, Math.max(0, random()));
  const wanted = Math.max(jittered, retryAfterMs ?? 0);
  return Math.round(Math.min(policy.maxDelayMs, wanted));
}

/** Statuses worth retrying: timeouts, rate limits and server errors. Other 4xx are final. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || status >= 500;
}

/** `Retry-After` as milliseconds (delta-seconds or an HTTP date), if present and sane. */
export function retryAfterMs(header: string | null, now: Date): number | undefined {
  if (!header) return undefined;
  if (/^\d{1,6}$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

/** A sleep that ends early (rejecting) when `signal` aborts, and leaves no timer behind. */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

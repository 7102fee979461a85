import { HandoffServerError } from '../internal/errors';
import type { AuditEvent } from '../storage/records';
import type { DevSignIn } from './dev-signin';

export interface SignInThrottleOptions {
  /** Failures allowed per client address and username within `windowMs`. Default 5. */
  maxFailures?: number;
  /** Default 15 minutes. */
  windowMs?: number;
  /** Most (address, username) pairs remembered; the oldest is forgotten first. Default 10,000. */
  maxEntries?: number;
}

interface Failures {
  count: number;
  since: number;
}

/**
 * Failed sign-ins per (client address, username): after `maxFailures` within `windowMs` the
 * pair is refused until the window has passed, before any password is checked. Memory is
 * bounded: a map of at most `maxEntries`, oldest first out.
 */
export function createSignInThrottle(options: SignInThrottleOptions = {}) {
  const maxFailures = options.maxFailures ?? 5;
  const windowMs = options.windowMs ?? 15 * 60_000;
  const maxEntries = options.maxEntries ?? 10_000;
  const failures = new Map<string, Failures>();
  const current = (key: string, now: number) => {
    const entry = failures.get(key);
    if (entry && now - entry.since >= windowMs) {
      failures.delete(key);
      return undefined;
    }
    return entry;
  };
  return {
    /** Milliseconds until this pair may try again; 0 when it may now. */
    retryAfterMs(key: string, now = Date.now()): number {
      const entry = current(key, now);
      return entry && entry.count >= maxFailures ? entry.since + windowMs - now : 0;
    },
    failed(key: string, now = Date.now()): void {
      const entry = current(key, now);
      failures.delete(key);
      failures.set(key, { count: (entry?.count ?? 0) + 1, since: entry?.since ?? now });
      while (failures.size > maxEntries) {
        const oldest = failures.keys().next().value;
        if (oldest === undefined) break;
        failures.delete(oldest);
      }
    },
    succeeded(key: string): void {
      failures.delete(key);
    },
    get size(): number {
      return failures.size;
    },
  };
}

/**
 * Development sign-in behind the throttle, with every failure audited (`auth.signin_failed`:
 * `invalid_credentials` or `throttled`; never the username or password typed).
 */
export function guardDevSignIn(
  inner: DevSignIn,
  audit: { appendAudit(event: AuditEvent): Promise<unknown> },
  options: SignInThrottleOptions = {},
): DevSignIn {
  const throttle = createSignInThrottle(options);
  const failed = (reason: 'invalid_credentials' | 'throttled') =>
    audit.appendAudit({
      action: 'auth.signin_failed',
      outcome: 'denied',
      actorId: 'unverified',
      actorRole: 'agent',
      reason,
    });
  return {
    enabled: inner.enabled,
    async signIn(username, password, client) {
      const key = `${client?.address ?? 'unknown'}\n${username.slice(0, 256)}`;
      if (inner.enabled && throttle.retryAfterMs(key) > 0) {
        await failed('throttled');
        throw new HandoffServerError('signin_throttled');
      }
      try {
        const signedIn = await inner.signIn(username, password);
        throttle.succeeded(key);
        return signedIn;
      } catch (error) {
        if (HandoffServerError.is(error, 'invalid_credentials')) {
          throttle.failed(key);
          await failed('invalid_credentials');
        }
        throw error;
      }
    },
  };
}

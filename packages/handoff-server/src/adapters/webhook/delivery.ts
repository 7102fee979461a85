import type { AdapterLogger } from '../contract';
import type { WebhookDeadLetter } from './dead-letters';
import type { WebhookEvent } from './events';
import { backoffDelay, isRetryableStatus, type RetryPolicy, retryAfterMs } from './retry';
import { signWebhookPayload, WEBHOOK_SIGNATURE_HEADER } from './signature';

export interface DeliveryContext {
  url: string;
  signingSecret: string;
  policy: RetryPolicy;
  requestTimeoutMs: number;
  fetch: typeof fetch;
  now: () => Date;
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  random: () => number;
  /** Aborted when the adapter stops: in-flight requests and waits end at once. */
  signal: AbortSignal;
  log: AdapterLogger;
}

export type DeliveryOutcome =
  | { ok: true; attempts: number }
  | { ok: false; attempts: number; lastError: WebhookDeadLetter['lastError'] };

type AttemptResult =
  | { ok: true }
  | { ok: false; retryable: boolean; error: WebhookDeadLetter['lastError']; retryAfter?: number };

/**
 * POSTs one event until the receiver answers 2xx, at most `policy.maxAttempts` times (once
 * when `retry` is false). Each attempt is signed afresh (new timestamp) over the same body
 * and carries the same `idempotency-key` (the event id). Never throws.
 */
export async function deliverEvent(
  event: WebhookEvent,
  context: DeliveryContext,
  retry: boolean,
): Promise<DeliveryOutcome> {
  const body = JSON.stringify(event);
  const maxAttempts = retry ? Math.max(1, context.policy.maxAttempts) : 1;
  let last: WebhookDeadLetter['lastError'] = { status: null, reason: 'stopped' };
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    if (context.signal.aborted) return { ok: false, attempts: attempt - 1, lastError: last };
    const result = await attemptOnce(event, body, attempt, context);
    if (result.ok) return { ok: true, attempts: attempt };
    last = result.error;
    const fields = {
      eventId: event.id,
      eventType: event.type,
      conversationId: event.conversationId,
      attempt,
      status: result.error.status,
      reason: result.error.reason,
    };
    if (!result.retryable || attempt === maxAttempts) {
      context.log.warn(fields, 'webhook delivery failed');
      return { ok: false, attempts: attempt, lastError: last };
    }
    const delay = backoffDelay(attempt, context.policy, context.random, result.retryAfter);
    context.log.debug({ ...fields, delayMs: delay }, 'webhook delivery will be retried');
    try {
      await context.sleep(delay, context.signal);
    } catch {
      return { ok: false, attempts: attempt, lastError: { status: null, reason: 'stopped' } };
    }
  }
  return { ok: false, attempts: maxAttempts, lastError: last };
}

async function attemptOnce(
  event: WebhookEvent,
  body: string,
  attempt: number,
  context: DeliveryContext,
): Promise<AttemptResult> {
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), context.requestTimeoutMs);
  const signal = AbortSignal.any([context.signal, timeout.signal]);
  const timestamp = Math.floor(context.now().getTime() / 1000);
  try {
    const response = await context.fetch(context.url, {
      method: 'POST',
      signal,
      redirect: 'error',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'baton-webhook/1',
        'idempotency-key': event.id,
        'baton-event-id': event.id,
        'baton-event-type': event.type,
        'baton-delivery-attempt': String(attempt),
        [WEBHOOK_SIGNATURE_HEADER]: signWebhookPayload(context.signingSecret, body, timestamp),
      },
      body,
    });
    // The receiver's answer is not needed; read it so the connection can be reused.
    await response.arrayBuffer().catch(() => undefined);
    if (response.ok) return { ok: true };
    const failure: AttemptResult = {
      ok: false,
      retryable: isRetryableStatus(response.status),
      error: { status: response.status, reason: 'http-status' },
    };
    const after = retryAfterMs(response.headers.get('retry-after'), context.now());
    if (after !== undefined) failure.retryAfter = after;
    return failure;
  } catch {
    if (context.signal.aborted) {
      return { ok: false, retryable: false, error: { status: null, reason: 'stopped' } };
    }
    const reason = timeout.signal.aborted ? 'timeout' : 'network';
    return { ok: false, retryable: true, error: { status: null, reason } };
  } finally {
    clearTimeout(timer);
  }
}

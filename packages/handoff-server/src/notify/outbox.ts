import { hostname } from 'node:os';
import { createId } from '@baton/handoff-protocol';
import { errorCode } from '../engine/errors';
import type { EngineLogger } from '../engine/types';
import type { ConversationStore } from '../storage/contract';
import type { DeliveryChannel, DeliveryRecord } from '../storage/deliveries';
import { idempotencyKeyOf, type Notifier, NotifyError, type ReminderMessage } from './notifier';

/** Bounded retries with exponential backoff (no jitter: one row, one claimer at a time). */
export interface DeliveryRetryPolicy {
  /** Attempts in all, the first included. Default 6. */
  maxAttempts: number;
  /** Wait before the first retry. Default 1 minute. */
  baseDelayMs: number;
  /** Cap on one wait. Default 1 hour. */
  maxDelayMs: number;
}

export const DEFAULT_DELIVERY_RETRY: DeliveryRetryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 60_000,
  maxDelayMs: 60 * 60_000,
};

/** The wait after attempt `attempt` (1-based) failed: base · 2^(attempt-1), capped. */
export function deliveryBackoff(attempt: number, policy: DeliveryRetryPolicy): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
}

export type OutboxStore = Pick<
  ConversationStore,
  'claimDueDeliveries' | 'settleDelivery' | 'appendAudit'
>;

export interface DeliveryOutboxOptions {
  store: OutboxStore;
  notifiers: readonly Notifier[];
  logger: EngineLogger;
  retry?: Partial<DeliveryRetryPolicy>;
  /** How often each node looks for due rows. Default 5 s. */
  pollMs?: number;
  /** How long a claim holds; a node that dies mid-send is replaced after it. Default 2 min. */
  leaseMs?: number;
  owner?: string;
  /** Each settle, for metrics (`baton_notifications_total`). */
  onSettled?: (channel: DeliveryChannel, outcome: 'sent' | 'retry' | 'failed') => void;
}

const CLAIM_BATCH = 20;
const MAX_ROUNDS = 10;

/**
 * Sends what the outbox holds. Every node runs one; each due row is claimed in the database
 * by exactly one node (lease + compare-and-set), sent once with a stable idempotency key,
 * then settled: `sent`, `pending` again after a backoff, or `failed` after the last attempt
 * or a permanent refusal (listed for administrators, who can retry it).
 *
 * Crash window: a node that dies after the channel accepted a message and before settling
 * leaves the row claimed; when the lease runs out a node sends it again, with the same
 * idempotency key (SMTP Message-ID, webhook `idempotency-key`), and `attempts` shows it.
 */
export class DeliveryOutbox {
  readonly owner: string;
  readonly #options: DeliveryOutboxOptions;
  readonly #retry: DeliveryRetryPolicy;
  readonly #notifiers = new Map<DeliveryChannel, Notifier>();
  #poller: NodeJS.Timeout | null = null;
  #draining: Promise<void> | null = null;
  #again = false;
  #running = false;

  constructor(options: DeliveryOutboxOptions) {
    this.#options = options;
    this.#retry = { ...DEFAULT_DELIVERY_RETRY, ...options.retry };
    for (const notifier of options.notifiers) this.#notifiers.set(notifier.channel, notifier);
    this.owner = options.owner ?? `${hostname()}:${process.pid}:${createId().slice(0, 8)}`;
  }

  get channels(): DeliveryChannel[] {
    return [...this.#notifiers.keys()];
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#poller = setInterval(() => this.poll(), this.#options.pollMs ?? 5000);
    this.#poller.unref();
    this.poll();
  }

  async stop(): Promise<void> {
    this.#running = false;
    if (this.#poller) clearInterval(this.#poller);
    this.#poller = null;
    await this.#draining;
  }

  /** Looks for due rows now (coalesced with a round in progress). */
  poll(): void {
    if (!this.#running) return;
    if (this.#draining) {
      this.#again = true;
      return;
    }
    this.#draining = this.drain().finally(() => {
      this.#draining = null;
      if (this.#again) {
        this.#again = false;
        this.poll();
      }
    });
  }

  /** Resolves when the round in progress (if any) is over. */
  async idle(): Promise<void> {
    while (this.#draining) await this.#draining;
  }

  /** Claims and sends what is due, in bounded rounds. */
  async drain(): Promise<void> {
    for (let round = 0; round < MAX_ROUNDS; round += 1) {
      let claimed: DeliveryRecord[];
      try {
        claimed = await this.#options.store.claimDueDeliveries({
          owner: this.owner,
          now: new Date().toISOString(),
          leaseMs: this.#options.leaseMs ?? 120_000,
          limit: CLAIM_BATCH,
        });
      } catch (error) {
        this.#options.logger.warn({ err: errorCode(error) }, 'outbox not polled');
        return;
      }
      await Promise.all(claimed.map((row) => this.#deliver(row)));
      if (claimed.length < CLAIM_BATCH) return;
    }
  }

  async #deliver(row: DeliveryRecord): Promise<void> {
    const { store, logger } = this.#options;
    const notifier = this.#notifiers.get(row.channel);
    let error: NotifyError | null = null;
    if (!notifier) error = new NotifyError('no_channel', true);
    else {
      try {
        await notifier.send(row.payload as unknown as ReminderMessage, {
          deliveryId: row.id,
          idempotencyKey: idempotencyKeyOf(row.id),
          attempt: row.attempts,
        });
      } catch (thrown) {
        error = NotifyError.is(thrown) ? thrown : new NotifyError('send_failed', false);
      }
    }
    const fields = { deliveryId: row.id, channel: row.channel, attempt: row.attempts };
    try {
      if (!error) {
        await store.settleDelivery(row.id, this.owner, { status: 'sent' });
        this.#options.onSettled?.(row.channel, 'sent');
        await this.#audit(row, 'notification.sent', null);
        return;
      }
      if (error.permanent || row.attempts >= this.#retry.maxAttempts) {
        await store.settleDelivery(row.id, this.owner, { status: 'failed', error: error.code });
        this.#options.onSettled?.(row.channel, 'failed');
        await this.#audit(row, 'notification.failed', error.code);
        logger.warn({ ...fields, err: error.code }, 'notification failed');
        return;
      }
      const retryAt = new Date(Date.now() + deliveryBackoff(row.attempts, this.#retry));
      await store.settleDelivery(row.id, this.owner, {
        status: 'pending',
        retryAt: retryAt.toISOString(),
        error: error.code,
      });
      this.#options.onSettled?.(row.channel, 'retry');
      logger.info({ ...fields, err: error.code }, 'notification will be retried');
    } catch (settleError) {
      // The lease runs out and a node tries again (same idempotency key).
      logger.warn({ ...fields, err: errorCode(settleError) }, 'notification not settled');
    }
  }

  async #audit(
    row: DeliveryRecord,
    action: 'notification.sent' | 'notification.failed',
    reason: string | null,
  ) {
    await this.#options.store.appendAudit({
      action,
      outcome: 'allowed',
      actorId: 'baton',
      actorRole: 'system',
      conversationId: row.conversationId,
      patientId: row.patientId,
      targetId: row.id,
      reason: reason ?? row.channel,
    });
  }
}

import { randomUUID } from 'node:crypto';
import * as z from 'zod';
import { HandoffServerError } from '../../internal/errors';
import type {
  AdapterCloseReason,
  AdapterConversation,
  AdapterFollowUpChange,
  AdapterHost,
  AdapterPatientAttachment,
  AdapterPatientMessage,
  HandoffAdapter,
} from '../contract';
import {
  MemoryWebhookDeadLetters,
  type WebhookDeadLetter,
  type WebhookDeadLetterStore,
} from './dead-letters';
import { type DeliveryContext, deliverEvent } from './delivery';
import { isEphemeral, type WebhookEvent } from './events';
import { abortableSleep, DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry';

export interface WebhookAdapterOptions {
  /** The external system's receiver, `http(s)://…`. */
  url: string;
  /** Shared secret for `baton-signature` (at least 16 characters). */
  signingSecret: string;
  retry?: Partial<RetryPolicy>;
  /** Per-attempt timeout; default 10 s. */
  requestTimeoutMs?: number;
  /** Where undeliverable events go; default a {@link MemoryWebhookDeadLetters}. */
  deadLetters?: WebhookDeadLetterStore;
  /** Forward `patient.typing` / `patient.read` (best effort, never retried); default true. */
  forwardSignals?: boolean;
  /** Adapter name in logs and metrics; default `webhook`. */
  name?: string;
  /** Injectable for tests. */
  fetch?: typeof fetch;
  now?: () => Date;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  random?: () => number;
}

const OptionsSchema = z.object({
  url: z.url({ protocol: /^https?$/ }),
  signingSecret: z.string().min(16),
  requestTimeoutMs: z.optional(z.int().min(1).max(120_000)),
  retry: z.optional(
    z.object({
      maxAttempts: z.optional(z.int().min(1).max(50)),
      baseDelayMs: z.optional(z.int().min(0)),
      maxDelayMs: z.optional(z.int().min(0)),
    }),
  ),
});

/**
 * Carries handoffs to an external system over signed, idempotent, retried webhooks; the
 * external system answers through the inbound API (`createWebhookInboundHandler`). Events of
 * one conversation are delivered one after another, in order: an event is sent only once
 * the previous one was acknowledged or dead-lettered.
 */
export class WebhookAdapter implements HandoffAdapter {
  readonly name: string;
  readonly deadLetters: WebhookDeadLetterStore;
  private readonly options: WebhookAdapterOptions;
  private readonly policy: RetryPolicy;
  private readonly stopping = new AbortController();
  private readonly open = new Set<string>();
  private readonly tails = new Map<string, Promise<unknown>>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private hostRef: AdapterHost | null = null;

  constructor(options: WebhookAdapterOptions) {
    const checked = OptionsSchema.safeParse(options);
    if (!checked.success) {
      const path = checked.error.issues[0]?.path.join('.') ?? '';
      throw new HandoffServerError('invalid_config', `Invalid webhook adapter option: ${path}`);
    }
    this.options = options;
    this.name = options.name ?? 'webhook';
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.deadLetters = options.deadLetters ?? new MemoryWebhookDeadLetters();
  }

  /** The host, once started and until stopped; the inbound API reports through it. */
  get host(): AdapterHost | null {
    return this.stopping.signal.aborted ? null : this.hostRef;
  }

  /** True while the conversation was handed to this adapter and not closed. */
  isOpen(conversationId: string): boolean {
    return this.open.has(conversationId);
  }

  async start(host: AdapterHost): Promise<void> {
    this.hostRef = host;
  }

  async handoff(conversation: AdapterConversation): Promise<void> {
    const { conversationId } = conversation;
    this.open.add(conversationId);
    try {
      await this.send(conversationId, 'handoff.requested', {
        request: conversation.request,
        requestedAt: conversation.requestedAt,
      });
    } catch (error) {
      this.open.delete(conversationId);
      throw error;
    }
  }

  async patientMessage(conversationId: string, message: AdapterPatientMessage): Promise<void> {
    if (!this.open.has(conversationId)) return;
    const data: Extract<WebhookEvent, { type: 'patient.message' }>['data'] = {
      seq: message.seq,
      text: message.text,
      at: message.at,
    };
    if (message.textFormat) data.textFormat = message.textFormat;
    await this.send(conversationId, 'patient.message', data);
  }

  /** A patient's file: its reference and signed link, in order with her messages. */
  async patientAttachment(conversationId: string, file: AdapterPatientAttachment): Promise<void> {
    if (!this.open.has(conversationId)) return;
    await this.send(conversationId, 'patient.attachment', file);
  }

  patientTyping(conversationId: string, active: boolean): void {
    if (this.options.forwardSignals === false || !this.open.has(conversationId)) return;
    void this.send(conversationId, 'patient.typing', { active }).catch(() => undefined);
  }

  patientRead(conversationId: string, upToSeq: number): void {
    if (this.options.forwardSignals === false || !this.open.has(conversationId)) return;
    void this.send(conversationId, 'patient.read', { upToSeq }).catch(() => undefined);
  }

  async conversationClosed(conversationId: string, reason: AdapterCloseReason): Promise<void> {
    if (!this.open.delete(conversationId)) return;
    // The external system is told; a failure is dead-lettered but does not keep it open.
    await this.send(conversationId, 'conversation.closed', { reason }).catch(() => undefined);
    this.tails.delete(conversationId);
  }

  /** Follow-up items go to the receiver whether or not it took the conversation. */
  async followUp(change: AdapterFollowUpChange): Promise<void> {
    await this.send(change.item.conversationId, 'followup.changed', change);
  }

  /**
   * Sends a dead-lettered event again, as is (same id: the receiver's idempotency key), with
   * the usual retries. Resolves `true` once acknowledged; `false` adds a new dead letter.
   */
  async redeliver(letter: WebhookDeadLetter): Promise<boolean> {
    return this.track(this.deliver(letter.event, true)).then(
      () => true,
      () => false,
    );
  }

  async stop(): Promise<void> {
    this.stopping.abort(new HandoffServerError('adapter_unavailable', 'The adapter stopped.'));
    await Promise.allSettled([...this.inFlight]);
    this.open.clear();
    this.tails.clear();
  }

  private send<T extends WebhookEvent['type']>(
    conversationId: string,
    type: T,
    data: Extract<WebhookEvent, { type: T }>['data'],
  ): Promise<void> {
    const event = {
      id: `evt_${randomUUID()}`,
      type,
      createdAt: (this.options.now?.() ?? new Date()).toISOString(),
      conversationId,
      data,
    } as WebhookEvent;
    if (isEphemeral(type)) return this.track(this.deliver(event, false));
    const previous = this.tails.get(conversationId) ?? Promise.resolve();
    const delivery = this.track(
      previous.catch(() => undefined).then(() => this.deliver(event, true)),
    );
    this.tails.set(conversationId, delivery);
    return delivery;
  }

  private async deliver(event: WebhookEvent, retry: boolean): Promise<void> {
    const host = this.hostRef;
    if (!host) throw new HandoffServerError('adapter_unavailable', 'The adapter is not started.');
    const outcome = await deliverEvent(event, this.context(host), retry);
    if (outcome.ok) return;
    if (retry) {
      await this.deadLetters.add({
        event,
        attempts: outcome.attempts,
        lastError: outcome.lastError,
        deadAt: (this.options.now?.() ?? new Date()).toISOString(),
      });
      host.log.error(
        { eventId: event.id, eventType: event.type, conversationId: event.conversationId },
        'webhook event dead-lettered',
      );
    }
    throw new HandoffServerError(
      'adapter_unavailable',
      `Webhook delivery of ${event.type} failed after ${outcome.attempts} attempt(s).`,
    );
  }

  private context(host: AdapterHost): DeliveryContext {
    return {
      url: this.options.url,
      signingSecret: this.options.signingSecret,
      policy: this.policy,
      requestTimeoutMs: this.options.requestTimeoutMs ?? 10_000,
      fetch: this.options.fetch ?? fetch,
      now: this.options.now ?? (() => new Date()),
      sleep: this.options.sleep ?? abortableSleep,
      random: this.options.random ?? Math.random,
      signal: this.stopping.signal,
      log: host.log,
    };
  }

  private track<T>(promise: Promise<T>): Promise<T> {
    this.inFlight.add(promise);
    const forget = () => this.inFlight.delete(promise);
    promise.then(forget, forget);
    return promise;
  }
}

/** Creates a {@link WebhookAdapter}. */
export function createWebhookAdapter(options: WebhookAdapterOptions): WebhookAdapter {
  return new WebhookAdapter(options);
}

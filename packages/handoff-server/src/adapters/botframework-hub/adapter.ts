import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { HandoffServerError } from '../../internal/errors';
import type {
  AdapterCloseReason,
  AdapterConversation,
  AdapterHost,
  AdapterPatientAttachment,
  AdapterPatientMessage,
  HandoffAdapter,
} from '../contract';
import {
  type ActivityRoute,
  type ChannelAccount,
  endOfConversationActivity,
  handoffInitiation,
  type OutboundActivity,
  patientAccount,
  patientAttachmentActivity,
  patientMessageActivity,
  typingActivity,
} from './activities';
import {
  type BotAuthResult,
  type BotTokenValidator,
  createBotTokenValidator,
} from './bot-authentication';
import { type BotFrameworkHubOptions, checkHubOptions } from './hub-options';

interface OpenConversation {
  patient: ChannelAccount;
  /** The tail of this conversation's outbound deliveries (keeps them in order). */
  outbound: Promise<unknown>;
  /** The tail of this conversation's inbound reports (applied in arrival order). */
  inbound: Promise<unknown>;
}

/**
 * Hands conversations to a Bot Framework "agent hub" bot: a `handoff.initiate` event, then
 * the patient's messages as message activities, `endOfConversation` when it closes. The
 * bot answers through the Bot Connector API this adapter serves
 * (`createBotConnectorHandler`): messages become agent messages, `handoff.status` events
 * (`accepted`, `failed`, `completed`) become `agentJoined`, `failed` and `ended`.
 */
export class BotFrameworkHubAdapter implements HandoffAdapter {
  readonly name: string;
  readonly options: BotFrameworkHubOptions;
  private readonly route: ActivityRoute;
  private readonly stopping = new AbortController();
  private readonly conversations = new Map<string, OpenConversation>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private hostRef: AdapterHost | null = null;
  private readonly validateToken: BotTokenValidator | undefined;

  constructor(options: BotFrameworkHubOptions) {
    checkHubOptions(options);
    this.validateToken = options.botAuthentication
      ? createBotTokenValidator(options.botAuthentication)
      : undefined;
    this.options = options;
    this.name = options.name ?? 'botframework-hub';
    this.route = {
      channelId: options.channelId ?? 'baton',
      serviceUrl: options.serviceUrl.replace(/\/+$/, ''),
      bot: {
        id: options.bot?.id ?? 'agent-hub',
        role: 'bot',
        ...(options.bot?.name && { name: options.bot.name }),
      },
    };
  }

  get host(): AdapterHost | null {
    return this.stopping.signal.aborted ? null : this.hostRef;
  }

  isOpen(conversationId: string): boolean {
    return this.conversations.has(conversationId);
  }

  /**
   * Runs `report` after the conversation's earlier reports (the connector handler's path):
   * reports of one conversation reach the host in the order the bot sent them.
   */
  applyInOrder<T>(conversationId: string, report: (host: AdapterHost) => Promise<T>): Promise<T> {
    const open = this.conversations.get(conversationId);
    const host = this.host;
    if (!open || !host) return Promise.reject(new HandoffServerError('not_found'));
    const next = open.inbound.catch(() => undefined).then(() => report(host));
    open.inbound = next;
    return next;
  }

  /** Checks a call to the connector API: the bot's token, the custom check, or none. */
  async authenticateBot(req: IncomingMessage): Promise<BotAuthResult> {
    if (this.validateToken) return this.validateToken(req.headers.authorization);
    if (this.options.authorizeBot) {
      return (await this.options.authorizeBot(req))
        ? { ok: true, botAppId: 'authorized' }
        : { ok: false, reason: 'invalid_token' };
    }
    if (this.options.allowAnonymousBot !== true) return { ok: false, reason: 'missing_token' };
    // Without an app id there is nothing to check: only a bot on this machine is accepted.
    return isLoopback(req.socket.remoteAddress)
      ? { ok: true, botAppId: 'anonymous' }
      : { ok: false, reason: 'not_loopback' };
  }

  async start(host: AdapterHost): Promise<void> {
    this.hostRef = host;
  }

  async handoff(conversation: AdapterConversation): Promise<void> {
    const { conversationId, request } = conversation;
    this.conversations.set(conversationId, {
      patient: patientAccount(request),
      outbound: Promise.resolve(),
      inbound: Promise.resolve(),
    });
    try {
      await this.send(conversationId, handoffInitiation(this.route, conversation, randomUUID()));
    } catch (error) {
      this.conversations.delete(conversationId);
      throw error;
    }
  }

  async patientMessage(conversationId: string, message: AdapterPatientMessage): Promise<void> {
    const open = this.conversations.get(conversationId);
    if (!open) return;
    await this.send(
      conversationId,
      patientMessageActivity(this.route, conversationId, open.patient, message),
    );
  }

  /** A patient's file: a message activity with the signed link as its `contentUrl`. */
  async patientAttachment(conversationId: string, file: AdapterPatientAttachment): Promise<void> {
    const open = this.conversations.get(conversationId);
    if (!open) return;
    await this.send(
      conversationId,
      patientAttachmentActivity(this.route, conversationId, open.patient, file),
    );
  }

  patientTyping(conversationId: string, active: boolean): void {
    const open = this.conversations.get(conversationId);
    if (!open || !active) return;
    const activity = typingActivity(
      this.route,
      conversationId,
      open.patient,
      randomUUID(),
      this.now(),
    );
    void this.track(this.post(activity)).catch(() => undefined);
  }

  async conversationClosed(conversationId: string, reason: AdapterCloseReason): Promise<void> {
    const open = this.conversations.get(conversationId);
    if (!open) return;
    this.conversations.delete(conversationId);
    const activity = endOfConversationActivity(
      this.route,
      conversationId,
      open.patient,
      reason,
      randomUUID(),
      this.now(),
    );
    // Ordered after pending messages; a failure is logged, the conversation is released anyway.
    await this.track(open.outbound.catch(() => undefined).then(() => this.post(activity))).catch(
      () => undefined,
    );
  }

  async stop(): Promise<void> {
    this.stopping.abort(new HandoffServerError('adapter_unavailable', 'The adapter stopped.'));
    await Promise.allSettled([...this.inFlight]);
    this.conversations.clear();
  }

  private send(conversationId: string, activity: OutboundActivity): Promise<void> {
    const open = this.conversations.get(conversationId);
    if (!open) return Promise.resolve();
    const delivery = this.track(
      open.outbound.catch(() => undefined).then(() => this.post(activity)),
    );
    open.outbound = delivery;
    return delivery;
  }

  private async post(activity: OutboundActivity): Promise<void> {
    const host = this.hostRef;
    if (!host || this.stopping.signal.aborted) {
      throw new HandoffServerError('adapter_unavailable', 'The adapter is not running.');
    }
    const fields = {
      conversationId: activity.conversation.id,
      activityType: activity.type,
      activityId: activity.id,
    };
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), this.options.requestTimeoutMs ?? 15_000);
    try {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      const authorization = await this.options.outboundAuthorization?.();
      if (authorization) headers.authorization = authorization;
      const response = await (this.options.fetch ?? fetch)(this.options.botEndpoint, {
        method: 'POST',
        headers,
        body: JSON.stringify(activity),
        redirect: 'error',
        signal: AbortSignal.any([this.stopping.signal, timeout.signal]),
      });
      await response.arrayBuffer().catch(() => undefined);
      if (!response.ok) {
        host.log.warn({ ...fields, status: response.status }, 'hub bot refused an activity');
        throw new HandoffServerError(
          'adapter_unavailable',
          `The hub bot answered ${response.status}.`,
        );
      }
    } catch (error) {
      if (HandoffServerError.is(error)) throw error;
      host.log.warn(
        { ...fields, reason: timeout.signal.aborted ? 'timeout' : 'network' },
        'hub bot unreachable',
      );
      throw new HandoffServerError('adapter_unavailable', 'The hub bot is unreachable.', {
        cause: error,
      });
    } finally {
      clearTimeout(timer);
    }
  }

  private now(): string {
    return (this.options.now?.() ?? new Date()).toISOString();
  }

  private track<T>(promise: Promise<T>): Promise<T> {
    this.inFlight.add(promise);
    const forget = () => this.inFlight.delete(promise);
    promise.then(forget, forget);
    return promise;
  }
}

function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return v4 === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

export function createBotFrameworkHubAdapter(
  options: BotFrameworkHubOptions,
): BotFrameworkHubAdapter {
  return new BotFrameworkHubAdapter(options);
}

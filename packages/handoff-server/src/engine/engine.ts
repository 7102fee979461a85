import type { FallbackOption } from '@baton/handoff-protocol';
import type { AdapterHost, HandoffAdapter } from '../adapters/contract';
import { createAccessGuard } from '../auth/guard';
import type { ConversationStore } from '../storage/contract';
import { createAdapterHost } from './adapter-host';
import { AgentCommands } from './agent-commands';
import { EngineCore, errorCode } from './core';
import { FollowUps, type FollowUpsConfig } from './followups/followups';
import { ConversationLifecycle } from './lifecycle';
import { logKey } from './log-record';
import { PatientCommands } from './patient-commands';
import type { TimerKind } from './timers';
import {
  type BotChannel,
  type ConversationChangeListener,
  type ConversationDelivery,
  DEFAULT_FALLBACKS,
  DEFAULT_TIMEOUTS,
  type EngineDeskHooks,
  type EngineLogger,
  type EngineMetrics,
  type EngineTimeouts,
} from './types';

export interface ConversationEngineOptions {
  store: ConversationStore;
  adapter: HandoffAdapter;
  delivery: ConversationDelivery;
  logger: EngineLogger;
  timeouts?: Partial<EngineTimeouts>;
  /** Offered when nobody can take the conversation. Default: leave a message, callback. */
  fallbacks?: readonly FallbackOption[];
  /** Mutes the bot while an agent holds a conversation (e.g. Direct Line `handoff.status`). */
  botChannel?: BotChannel;
  metrics?: EngineMetrics;
  hooks?: EngineDeskHooks;
  /** Surveys, appointments and reminders, calls, fallbacks (see `engine/followups/`). */
  followups?: Omit<FollowUpsConfig, 'access'>;
  /**
   * Whether an agent has a live connection on any node (the gateway answers). Default: her
   * stored presence is not `offline`. Asked when her grace period ends. Given, every
   * assigned conversation gets a grace period at start (agents connect to this server).
   */
  agentConnected?: (agentId: string) => Promise<boolean>;
}

const LIVE_STATES = ['handoff_requested', 'queued', 'assigned'] as const;

/**
 * The conversation engine: the protocol's state machine on the server, one conversation at
 * a time (a per-conversation lock), `seq` from the store, acks only after commit, client
 * message ids de-duplicated, resume, timeouts, audit. Transport-free: the gateway feeds it
 * parsed frames and gives it a `ConversationDelivery`.
 */
export class ConversationEngine {
  readonly patient: PatientCommands;
  readonly agent: AgentCommands;
  readonly host: AdapterHost;
  readonly followups: FollowUps;
  readonly #core: EngineCore;
  readonly #lifecycle: ConversationLifecycle;
  readonly #agentConnected: (agentId: string) => Promise<boolean>;
  readonly #graceOnStart: boolean;
  #started = false;

  constructor(options: ConversationEngineOptions) {
    this.#core = new EngineCore({
      store: options.store,
      adapter: options.adapter,
      delivery: options.delivery,
      guard: createAccessGuard(options.store),
      logger: options.logger,
      timeouts: { ...DEFAULT_TIMEOUTS, ...options.timeouts },
      fallbacks: options.fallbacks ?? DEFAULT_FALLBACKS,
      ...(options.botChannel ? { botChannel: options.botChannel } : {}),
      ...(options.metrics ? { metrics: options.metrics } : {}),
      ...(options.hooks ? { hooks: options.hooks } : {}),
      onTimer: (kind, id) => this.#onTimer(kind, id),
    });
    this.#graceOnStart = options.agentConnected !== undefined;
    this.#agentConnected =
      options.agentConnected ??
      (async (agentId) => (await options.store.getAgent(agentId))?.presence !== 'offline');
    this.#lifecycle = new ConversationLifecycle(this.#core);
    this.patient = new PatientCommands(this.#core, this.#lifecycle);
    this.agent = new AgentCommands(this.#core, this.#lifecycle);
    this.host = createAdapterHost(this.#core, this.#lifecycle, options.logger);
    this.followups = new FollowUps(this.#core, {
      ...options.followups,
      access: {
        patient: (patient, id) => this.patient.authorize(patient, id, 'message'),
        staff: (staff, id) => this.agent.authorize(staff, id, 'message'),
      },
    });
    this.#core.listeners.add(this.followups.onChange);
  }

  get store(): ConversationStore {
    return this.#core.store;
  }

  get hooks(): EngineDeskHooks {
    return this.#core.hooks;
  }

  /** The access policy with its audit trail, for other paths (HTTP export). */
  get guard() {
    return this.#core.guard;
  }

  /** The handoff request of a conversation, without the transcript. */
  request(conversationId: string) {
    return this.#core.request(conversationId);
  }

  /** The handoff request with its bot transcript (`conversation.assigned`, assignments). */
  fullRequest(conversationId: string) {
    return this.#core.fullRequest(conversationId);
  }

  /** The committed log of a conversation, in `seq` order. */
  log(conversationId: string, afterSeq = 0) {
    return this.#core.readLog(conversationId, afterSeq);
  }

  /**
   * An agent message an adapter already reported with this `externalId` (its `seq` and who
   * sent it), or `null`: lets the desk answer a retry after the conversation closed.
   */
  async committedAdapterMessage(conversationId: string, externalId: string) {
    const record = await this.#core.findByKey(conversationId, logKey('adapter', externalId));
    return record ? { seq: record.seq, senderId: record.senderId } : null;
  }

  /**
   * The agent has no connection left: each conversation she holds gets a grace timer; when it
   * fires and she is still away, the conversation goes back to the front of its queue.
   */
  async agentGone(agentId: string): Promise<void> {
    const core = this.#core;
    const held = await core.store.listConversations({
      states: ['assigned'],
      assignedAgentId: agentId,
    });
    for (const c of held) core.timers.arm('agent-grace', c.id, core.timeouts.agentGraceMs);
  }

  /** The agent is back (a socket connected): her grace timers are cleared. */
  async agentBack(agentId: string): Promise<void> {
    const core = this.#core;
    const held = await core.store.listConversations({
      states: ['assigned'],
      assignedAgentId: agentId,
    });
    for (const c of held) core.timers.clear('agent-grace', c.id);
  }

  /** Listen to committed state changes (the desk's queue and dashboard updates). */
  onChange(listener: ConversationChangeListener): () => void {
    this.#core.listeners.add(listener);
    return () => this.#core.listeners.delete(listener);
  }

  /**
   * Starts the adapter, then picks up where a previous process stopped: re-arms deadlines
   * of live conversations and hands over again the ones the adapter never acknowledged.
   */
  async start(): Promise<void> {
    if (this.#started) return;
    this.#started = true;
    const core = this.#core;
    await core.adapter.start(this.host);
    await this.followups.start();
    const live = await core.store.listConversations({ states: LIVE_STATES });
    const now = Date.now();
    for (const conversation of live) {
      if (conversation.state !== 'assigned') {
        const since = Date.parse(conversation.updatedAt);
        const left = core.timeouts.queueTimeoutMs - (Number.isFinite(since) ? now - since : 0);
        core.timers.arm('queue', conversation.id, left);
      }
      core.timers.arm('idle', conversation.id, core.timeouts.patientIdleMs);
      // Agents lost their sockets with the previous process: each gets her grace period
      // (only where agents connect to this server: the built-in desk).
      if (conversation.state === 'assigned' && this.#graceOnStart)
        core.timers.arm('agent-grace', conversation.id, core.timeouts.agentGraceMs);
      if (conversation.state === 'handoff_requested') {
        const request = await core.fullRequest(conversation.id);
        if (!request) continue;
        core.dispatch(conversation.id, 'handoff', () =>
          core.adapter.handoff({
            conversationId: conversation.id,
            request,
            requestedAt: conversation.createdAt,
          }),
        );
      }
    }
    core.logger.info({ recovered: live.length, adapter: core.adapter.name }, 'engine started');
  }

  /** Refuses new work, waits for in-flight commits and adapter calls, stops timers and the adapter. */
  async stop(): Promise<void> {
    const core = this.#core;
    core.accepting = false;
    core.timers.stop();
    this.followups.stop();
    await core.lock.drain();
    await core.outbox.drain();
    if (this.#started) await core.adapter.stop();
    this.#started = false;
  }

  /** Resolves when no command or adapter call is in flight (tests, shutdown). */
  async idle(): Promise<void> {
    await this.#core.lock.drain();
    await this.#core.outbox.drain();
    await this.#core.lock.drain();
  }

  #onTimer(kind: TimerKind, conversationId: string): void {
    const core = this.#core;
    core
      .run(conversationId, async () => {
        const conversation = await core.store.getConversation(conversationId);
        if (!conversation) return;
        if (kind === 'agent-grace') {
          if (conversation.state !== 'assigned' || !conversation.assignedAgentId) return;
          // Back meanwhile (on any node): she keeps it.
          if (await this.#agentConnected(conversation.assignedAgentId)) return;
          await this.#lifecycle.agentLost(conversation);
          return;
        }
        if (kind === 'queue') {
          if (conversation.state === 'queued' || conversation.state === 'handoff_requested') {
            await this.#lifecycle.expire(conversation);
          }
          return;
        }
        if (LIVE_STATES.includes(conversation.state as (typeof LIVE_STATES)[number])) {
          await this.#lifecycle.patientGone(conversation, 'idle');
        }
      })
      .catch((error: unknown) => {
        core.logger.warn(
          { conversationId, timer: kind, err: errorCode(error) },
          'timeout not applied',
        );
      });
  }
}

export type { BotChannel };

import type { FallbackOption } from '@baton/handoff-protocol';
import type { AdapterHost, HandoffAdapter } from '../adapters/contract';
import { ConversationAttachments } from '../attachments/service';
import type { AttachmentSettings } from '../attachments/settings';
import { createAccessGuard } from '../auth/guard';
import type { ConversationStore } from '../storage/contract';
import { createAdapterHost } from './adapter-host';
import { AgentCommands } from './agent-commands';
import { BotSessions } from './bot-sessions';
import { EngineCore, type EngineCoreOptions } from './core';
import { deadlineHandler } from './deadlines';
import { FollowUps, type FollowUpsConfig } from './followups/followups';
import { FollowUpWorklist } from './followups/worklist';
import { ConversationLifecycle } from './lifecycle';
import { logKey } from './log-record';
import { PatientCommands } from './patient-commands';
import { PatientHistoryService } from './patient-history';
import { recoverLiveConversations } from './recovery';
import type { DurableScheduler } from './scheduler';
import { SupervisorCommands } from './supervisor-commands';
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
  followups?: Omit<FollowUpsConfig, 'access' | 'worklist'>;
  /** Durable deadlines: poll interval, claim lease, this node's name. */
  schedules?: EngineCoreOptions['schedules'];
  /** Where follow-up items of conversations without a queue go. Default `general`. */
  defaultQueue?: string;
  /** Where staff's view of the patient comes from. Default: the patient token's claims. */
  patientContext?: EngineCoreOptions['patientContext'];
  /**
   * Whether an agent has a live connection on any node (the gateway answers). Default: her
   * stored presence is not `offline`. Asked when her grace period ends. Given, every
   * assigned conversation gets a grace period at start (agents connect to this server).
   */
  agentConnected?: (agentId: string) => Promise<boolean>;
  /** Files in conversations: on by default, 5 MiB, images and PDF. */
  attachments?: Partial<AttachmentSettings>;
}

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
  /** Follow-up items: left messages, callback and appointment requests, unanswered handoffs. */
  readonly worklist: FollowUpWorklist;
  /** The patient's earlier conversations, read-only and audited. */
  readonly history: PatientHistoryService;
  /** Bot conversations the widget registered (the dashboard's "with the bot"). */
  readonly botSessions: BotSessions;
  /** Whisper and barge-in (supervisors). */
  readonly supervisor: SupervisorCommands;
  /** Files shared in a conversation (grant, upload, share, download). */
  readonly attachments: ConversationAttachments;
  readonly #core: EngineCore;
  readonly #lifecycle: ConversationLifecycle;
  readonly #onTimer: (kind: TimerKind, conversationId: string) => Promise<void>;
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
      ...(options.schedules ? { schedules: options.schedules } : {}),
      ...(options.patientContext ? { patientContext: options.patientContext } : {}),
    });
    this.#graceOnStart = options.agentConnected !== undefined;
    this.#lifecycle = new ConversationLifecycle(this.#core);
    this.patient = new PatientCommands(this.#core, this.#lifecycle);
    this.agent = new AgentCommands(this.#core, this.#lifecycle);
    this.history = new PatientHistoryService(this.#core, this.agent);
    this.host = createAdapterHost(
      this.#core,
      this.#lifecycle,
      options.logger,
      () => this.attachments.settings,
    );
    this.worklist = new FollowUpWorklist(this.#core, {
      ...(options.defaultQueue ? { defaultQueue: options.defaultQueue } : {}),
    });
    this.#core.listeners.add(this.worklist.conversationChanged);
    this.followups = new FollowUps(this.#core, {
      ...options.followups,
      worklist: this.worklist,
      access: {
        patient: (patient, id) => this.patient.authorize(patient, id, 'message'),
        staff: (staff, id) => this.agent.authorize(staff, id, 'message'),
      },
    });
    this.#core.listeners.add(this.followups.onChange);
    this.botSessions = new BotSessions(this.#core);
    this.#onTimer = deadlineHandler(
      this.#core,
      this.#lifecycle,
      this.botSessions,
      options.agentConnected ??
        (async (agentId) => (await options.store.getAgent(agentId))?.presence !== 'offline'),
    );
    this.supervisor = new SupervisorCommands(this.#core, this.agent);
    this.attachments = new ConversationAttachments(
      this.#core,
      {
        write: (principal, id) =>
          principal.kind === 'patient'
            ? this.patient.authorize(principal, id, 'message')
            : this.agent.authorize(principal, id, 'message'),
      },
      options.attachments,
    );
  }

  /** The durable scheduler (store-claimed deadlines) for server-wide jobs (retention). */
  get scheduler(): DurableScheduler {
    return this.#core.scheduler;
  }

  /** The deadlines this engine runs with (defaults filled in). */
  get timeouts(): EngineTimeouts {
    return this.#core.timeouts;
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
    const recovered = await recoverLiveConversations(core, this.#graceOnStart);
    await core.timers.settled();
    core.scheduler.start();
    core.logger.info({ recovered, adapter: core.adapter.name }, 'engine started');
  }

  /**
   * Nobody may be left to serve `queue` (its last agent left): every conversation waiting
   * there gets the unstaffed check again after the usual delay (an agent reloading her page
   * is back before it fires). Bounded by the queue's length at that moment.
   */
  async recheckStaffing(queue: string): Promise<void> {
    const core = this.#core;
    if (!core.hooks.staffing) return;
    for (const entry of await core.store.listQueue(queue))
      core.timers.arm('unstaffed', entry.conversationId, core.timeouts.unstaffedFallbackMs);
  }

  /** Refuses new work, waits for in-flight commits and adapter calls, stops timers and the adapter. */
  async stop(): Promise<void> {
    const core = this.#core;
    core.accepting = false;
    this.followups.stop();
    await core.scheduler.stop();
    await core.lock.drain();
    await this.worklist.idle();
    await core.outbox.drain();
    await core.timers.settled();
    if (this.#started) await core.adapter.stop();
    this.#started = false;
  }

  /** Resolves when no command or adapter call is in flight (tests, shutdown). */
  async idle(): Promise<void> {
    await this.#core.lock.drain();
    await this.#core.outbox.drain();
    await this.#core.lock.drain();
    await this.#core.timers.settled();
  }
}

export type { BotChannel };

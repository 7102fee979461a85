import {
  type AgentPresence,
  BatonProtocolError,
  type DeskKpis,
  type QueueItem,
  type QueueStatus,
  type ServerToAgent,
  serverToAgentMessage,
} from '@baton/handoff-protocol';
import type {
  AdapterConversation,
  AdapterHost,
  AdapterPatientMessage,
  HandoffAdapter,
} from '../adapters/contract';
import type { StaffPrincipal } from '../auth/principal';
import { KeyedSerialQueue } from '../engine/serial-queue';
import type { ConversationChangeEvent, EngineDeskHooks, QueueStaffing } from '../engine/types';
import { effectiveBusinessHours, effectiveRouting } from '../insights/settings';
import { HandoffServerError } from '../internal/errors';
import type { BotSessionRecord } from '../storage/bot-sessions';
import type { ConversationStore } from '../storage/contract';
import type { AgentRecord, ConversationRecord } from '../storage/records';
import { DeskAgentActions, type DeskServerLink } from './agent-actions';
import { type BusinessHoursByQueue, businessHoursProblems } from './business-hours';
import type { DeskDelivery } from './delivery';
import { DeskUpdates } from './desk-updates';
import { type RoutingConfig, routeHandoff } from './routing';
import { queueSignedIn, queueStaffing } from './staffing';
import { botSessionSummary, handoffSummary, MAP_LIST_LIMIT, supervisorMap } from './supervisor-map';
import { agentInfoOfRecord, agentStatus, deskKpis, queueItems, type RequestLookup } from './views';
import { type WaitEstimator, waitEstimator } from './wait-estimate';
import { DeskHistory } from './wait-history';

export type { DeskDelivery } from './delivery';

export interface AgentDeskOptions {
  store: ConversationStore;
  routing?: RoutingConfig;
  /** Most conversations an agent holds at once. Default 3. */
  agentCapacity?: number;
  /** Samples kept for wait and handle-time averages. Default 20. */
  historySize?: number;
  /** Opening hours per queue; a queue without an entry is always open. */
  businessHours?: BusinessHoursByQueue;
  /** Changes of one queue gathered into one position update to its patients. Default 100 ms. */
  positionDebounceMs?: number;
  /** Dashboard KPIs re-sent this often while a supervisor watches. Default 5000 ms. */
  kpiIntervalMs?: number;
}

/**
 * The built-in agent desk, the default adapter: routes each handoff to a queue (department,
 * skills, language), enforces agent presence and capacity on claims, estimates waits from
 * claims measured in the store, and keeps queue subscribers and supervisors up to date. Its agent system
 * is the agent console: patient messages go to the agents watching the conversation, and
 * what agents do arrives through {@link DeskAgentActions} (`agents`) and is reported through
 * the `AdapterHost` like any adapter's. Conversations, queues and agents live in the store,
 * so several server nodes share one desk.
 */
export class AgentDesk implements HandoffAdapter {
  readonly name = 'desk';
  readonly history: DeskHistory;
  readonly #store: ConversationStore;
  readonly #routing: RoutingConfig;
  readonly #capacity: number;
  #businessHours: BusinessHoursByQueue;
  readonly #work = new KeyedSerialQueue();
  readonly #updates: DeskUpdates;
  readonly #unstaffedListeners = new Set<(queue: string) => void>();
  #host: AdapterHost | undefined;
  #delivery: DeskDelivery | undefined;
  #link: DeskServerLink | undefined;
  #lookup: RequestLookup = async () => null;
  /** What agents do, from the `/agent` namespace. */
  readonly agents: DeskAgentActions;

  constructor(options: AgentDeskOptions) {
    this.#store = options.store;
    this.#routing = options.routing ?? {};
    this.#capacity = options.agentCapacity ?? 3;
    this.#businessHours = options.businessHours ?? {};
    this.history = new DeskHistory(options.historySize ?? 20);
    this.agents = new DeskAgentActions(
      this.#store,
      () => this.#host,
      () => this.#link,
    );
    this.#updates = new DeskUpdates({
      store: this.#store,
      history: this.history,
      estimator: (queue) => this.#estimator(queue),
      kpis: () => this.kpis(),
      ...(options.positionDebounceMs !== undefined
        ? { positionDebounceMs: options.positionDebounceMs }
        : {}),
      ...(options.kpiIntervalMs !== undefined ? { kpiIntervalMs: options.kpiIntervalMs } : {}),
      onError: (error) => this.#warn(error),
    });
  }

  /**
   * Connects the desk to the gateway's rooms, the engine's request log and access policy.
   * `supervisorsWatching` (default: always) says whether dashboard work is worth doing.
   */
  attach(wiring: {
    delivery: DeskDelivery;
    lookup: RequestLookup;
    link: DeskServerLink;
    supervisorsWatching?: () => boolean;
  }): void {
    this.#delivery = wiring.delivery;
    this.#lookup = wiring.lookup;
    this.#link = wiring.link;
    this.#updates.attach({
      delivery: wiring.delivery,
      lookup: wiring.lookup,
      supervisorsWatching: wiring.supervisorsWatching ?? (() => true),
    });
  }

  /** The dashboard figures (bounded counts, see `deskKpis`). */
  kpis(): Promise<DeskKpis> {
    return deskKpis(this.#store, this.history);
  }

  /** Something the dashboard counts changed outside the desk (follow-ups, surveys). */
  kpisChanged(): void {
    this.#updates.kpisChanged();
  }

  // HandoffAdapter

  async start(host: AdapterHost): Promise<void> {
    this.#host = host;
  }

  async handoff(conversation: AdapterConversation): Promise<void> {
    const host = this.#host;
    if (!host) throw new BatonProtocolError('unavailable', 'desk not started');
    // An administrator's stored rules win over this node's configured ones.
    const queue = routeHandoff(
      conversation.request,
      await effectiveRouting(this.#store, this.#routing),
    );
    // Not queued yet: it will stand behind every entry of its priority or a higher one.
    const position = (await this.#store.countQueuedAhead(queue, conversation.request.priority)) + 1;
    const estimate = await this.#estimator(queue);
    this.#updates.positions.told(conversation.conversationId, position);
    await host.queued(conversation.conversationId, {
      queue,
      position,
      estimatedWaitSeconds: estimate(position),
    });
  }

  async patientMessage(conversationId: string, message: AdapterPatientMessage): Promise<void> {
    this.#delivery?.toAgents(
      conversationId,
      serverToAgentMessage('message', {
        conversationId,
        seq: message.seq,
        from: 'patient',
        text: message.text,
        ...(message.textFormat ? { textFormat: message.textFormat } : {}),
      }),
    );
  }

  patientTyping(conversationId: string, active: boolean): void {
    this.#delivery?.toAgents(
      conversationId,
      serverToAgentMessage('typing', { conversationId, from: 'patient', active }),
    );
  }

  patientRead(conversationId: string, upToSeq: number): void {
    this.#delivery?.toAgents(
      conversationId,
      serverToAgentMessage('read', { conversationId, by: 'patient', upToSeq }),
    );
  }

  async conversationClosed(): Promise<void> {
    // Nothing held: queues and assignments live in the store, which the engine updated.
  }

  async stop(): Promise<void> {
    await this.#work.drain();
    // Position updates not yet sent are dropped: patients get theirs from the next node.
    this.#updates.stop();
  }

  // Engine hooks

  readonly hooks: EngineDeskHooks = {
    queueStatus: (conversation) => this.queueStatus(conversation),
    agentInfo: async (agentId) => {
      const agent = await this.#store.getAgent(agentId);
      return agent ? agentInfoOfRecord(agent) : null;
    },
    staffing: (conversation) => this.staffing(conversation),
  };

  /**
   * Replaces this node's seed business hours, used while no administrator setting is stored
   * (`business-hours`, which every node reads at each check).
   * Throws `invalid_config` naming the queue and the problem when a definition is wrong.
   */
  setBusinessHours(hours: BusinessHoursByQueue): void {
    for (const [queue, definition] of Object.entries(hours)) {
      const problems = businessHoursProblems(definition);
      if (problems.length > 0)
        throw new HandoffServerError('invalid_config', `queue "${queue}": ${problems[0]}`);
    }
    this.#businessHours = { ...hours };
  }

  /** Whether a queued conversation can be served now (see {@link queueStaffing}). */
  staffing(
    conversation: ConversationRecord,
    options: { checkAgents?: boolean; now?: Date } = {},
  ): Promise<QueueStaffing> {
    const queue = conversation.queue ?? this.#routing.defaultQueue ?? 'general';
    // The stored setting (an administrator's, on every node) wins over this node's seed.
    return effectiveBusinessHours(this.#store, this.#businessHours).then((hours) =>
      queueStaffing(this.#store, queue, hours[queue], options),
    );
  }

  async queueStatus(conversation: ConversationRecord): Promise<QueueStatus | null> {
    if (conversation.state !== 'queued' || !conversation.queue) return null;
    const place = await this.#store.queuePosition(conversation.id);
    if (!place || place.queue !== conversation.queue) return null;
    const estimate = await this.#estimator(place.queue);
    this.#updates.positions.told(conversation.id, place.position);
    return {
      queue: place.queue,
      position: place.position,
      estimatedWaitSeconds: estimate(place.position),
    };
  }

  /** One agents read and one samples read, then any number of positions estimated. */
  async #estimator(queue: string): Promise<WaitEstimator> {
    const online = await this.#store.listAgents({ queue, presence: 'online' });
    return waitEstimator(this.#store, queue, online.length);
  }

  // Agents

  async agentConnected(staff: StaffPrincipal): Promise<AgentRecord | null> {
    const existing = await this.#store.getAgent(staff.staffId);
    await this.#store.upsertAgent({
      id: staff.staffId,
      displayName: staff.displayName,
      queues: [...staff.queues],
      capacity: existing?.capacity ?? this.#capacity,
    });
    const agent = await this.#store.setAgentPresence(
      staff.staffId,
      existing?.presence === 'away' ? 'away' : 'online',
    );
    this.#agentsChanged();
    return agent;
  }

  async setPresence(staffId: string, presence: AgentPresence): Promise<void> {
    const stored = presence === 'available' || presence === 'busy' ? 'online' : presence;
    const agent = await this.#store.setAgentPresence(staffId, stored);
    this.#agentsChanged();
    if (stored === 'offline' && agent) await this.#checkStaffed(agent.queues);
  }

  /** Told when the last agent of a queue signed out (offline): patients there may be stranded. */
  onQueueUnstaffed(listener: (queue: string) => void): () => void {
    this.#unstaffedListeners.add(listener);
    return () => this.#unstaffedListeners.delete(listener);
  }

  async #checkStaffed(queues: readonly string[]): Promise<void> {
    for (const queue of queues) {
      if (this.#unstaffedListeners.size === 0) return;
      if (await queueSignedIn(this.#store, queue)) continue;
      for (const listener of this.#unstaffedListeners) listener(queue);
    }
  }

  async queueSnapshot(queues: readonly string[]): Promise<QueueItem[]> {
    const items: QueueItem[] = [];
    for (const queue of queues)
      items.push(...(await queueItems(queue, await this.#store.listQueue(queue), this.#lookup)));
    return items.slice(0, 1000);
  }

  /** Queues with someone waiting, plus the configured ones. */
  async knownQueues(): Promise<string[]> {
    const queued = await this.#store.queuedQueueNames();
    const routing = await effectiveRouting(this.#store, this.#routing);
    const names = new Set([
      ...(routing.queues ?? []).map((q) => q.queue),
      routing.defaultQueue ?? 'general',
    ]);
    for (const queue of queued) names.add(queue);
    return [...names];
  }

  async supervisorSnapshot(): Promise<Extract<ServerToAgent, { type: 'supervisor.snapshot' }>> {
    const agents = await this.#store.listAgents();
    const byId = new Map(agents.map((a) => [a.id, a]));
    const conversations = await supervisorMap(this.#store, this.#lookup, byId);
    return serverToAgentMessage('supervisor.snapshot', {
      conversations,
      agents: agents.slice(0, 1000).map((a) => agentStatus(a, this.history)),
      kpis: await deskKpis(this.#store, this.history, agents),
    });
  }

  // Changes from the engine

  /** Turns a committed state change into queue, position and dashboard updates. */
  onChange = (change: ConversationChangeEvent): void => {
    const { conversation, from, to } = change;
    const at = Date.parse(change.at);
    if (to === 'queued' && from !== 'queued') this.history.enqueued(conversation.id, at);
    if (from === 'queued' && to === 'assigned')
      this.history.assigned(
        conversation.id,
        conversation.queue,
        conversation.assignedAgentId ?? '',
        at,
      );
    else if (from === 'queued') this.history.dequeued(conversation.id);
    if (from === 'assigned' && (to !== 'assigned' || change.event === 'transfer_to_agent'))
      this.history.released(conversation.id, at);
    if (from === 'assigned' && to === 'assigned')
      this.history.assigned(conversation.id, null, conversation.assignedAgentId ?? '', at);
    void this.#work
      .run('desk', () => this.#updates.publish(change))
      .catch((error: unknown) => this.#warn(error));
  };

  /** A bot conversation registered or ended (any node's engine): its dashboard row. */
  botSessionChanged = (session: BotSessionRecord): void => {
    this.#delivery?.toSupervisors(
      serverToAgentMessage('supervisor.update', { upserted: [botSessionSummary(session)] }),
    );
    this.#updates.kpisChanged();
  };

  /** A follow-up item changed: its conversation's row says whether one is still open. */
  followUpChanged = (conversationId: string): void => {
    void this.#work
      .run('desk', async () => {
        const conversation = await this.#store.getConversation(conversationId);
        if (!conversation || !this.#delivery) return;
        const open = await this.#store.listFollowUps({
          statuses: ['open', 'claimed'],
          limit: MAP_LIST_LIMIT,
        });
        const agents = new Map((await this.#store.listAgents()).map((a) => [a.id, a]));
        const row = await handoffSummary(conversation, this.#lookup, agents, {
          followUpOpen: open.some((item) => item.conversationId === conversationId),
        });
        this.#delivery.toSupervisors(
          serverToAgentMessage('supervisor.update', { upserted: [row] }),
        );
      })
      .catch((error: unknown) => this.#warn(error));
  };

  #agentsChanged(): void {
    void this.#work
      .run('desk', async () => {
        const agents = await this.#store.listAgents();
        this.#delivery?.toSupervisors(
          serverToAgentMessage('supervisor.update', {
            agents: agents.slice(0, 1000).map((a) => agentStatus(a, this.history)),
          }),
        );
      })
      .catch((error: unknown) => this.#warn(error));
  }

  #warn(error: unknown): void {
    const code =
      error instanceof Error ? ((error as { code?: string }).code ?? error.name) : 'unknown';
    this.#host?.log.warn({ adapter: this.name, err: code }, 'desk update failed');
  }
}

export function createAgentDesk(options: AgentDeskOptions): AgentDesk {
  return new AgentDesk(options);
}

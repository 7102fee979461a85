import {
  type AgentPresence,
  BatonProtocolError,
  type DeskKpis,
  type QueueItem,
  type QueueStatus,
  type ServerToAgent,
  serverToAgentMessage,
} from '@baton/handoff-protocol';
import type { AgentDeskPort, DeskDelivery, DeskServerLink } from '../adapters/agent-desk-port';
import type {
  AdapterConversation,
  AdapterHost,
  AdapterPatientMessage,
  HandoffAdapter,
} from '../adapters/contract';
import {
  type BotSessionRecord,
  type ConversationChangeEvent,
  type EngineDeskHooks,
  effectiveBusinessHours,
  effectiveRouting,
  type QueueStaffing,
  type StaffPrincipal,
} from '../adapters/desk-host';
import { HandoffServerError } from '../internal/errors';
import type { ConversationStore } from '../storage/contract';
import type { AgentRecord, ConversationRecord } from '../storage/records';
import { DeskAgentActions } from './agent-actions';
import { type BusinessHoursByQueue, businessHoursProblems } from './business-hours';
import { DeskDashboard } from './dashboard';
import { DeskUpdates } from './desk-updates';
import type { AgentDeskOptions } from './options';
import { DeskPresence } from './presence';
import { type RoutingConfig, routeHandoff } from './routing';
import { queueStaffing } from './staffing';
import { agentInfoOfRecord, deskKpis, queueItems, type RequestLookup } from './views';
import { type WaitEstimator, waitEstimator } from './wait-estimate';
import { DeskHistory } from './wait-history';

export type { DeskDelivery } from '../adapters/agent-desk-port';

export type { AgentDeskOptions } from './options';

/**
 * The built-in agent desk, the default adapter: routes each handoff to a queue (department,
 * skills, language), enforces agent presence and capacity on claims, estimates waits from
 * claims measured in the store, and keeps queue subscribers and supervisors up to date. Its agent system
 * is the agent console: patient messages go to the agents watching the conversation, and
 * what agents do arrives through {@link DeskAgentActions} (`agents`) and is reported through
 * the `AdapterHost` like any adapter's. Conversations, queues and agents live in the store,
 * so several server nodes share one desk.
 */
export class AgentDesk implements HandoffAdapter, AgentDeskPort {
  readonly name = 'desk';
  readonly history: DeskHistory;
  readonly #store: ConversationStore;
  readonly #routing: RoutingConfig;
  #businessHours: BusinessHoursByQueue;
  readonly #updates: DeskUpdates;
  readonly #presence: DeskPresence;
  readonly #dashboard: DeskDashboard;
  readonly #timeZone: string;
  #host: AdapterHost | undefined;
  #delivery: DeskDelivery | undefined;
  #link: DeskServerLink | undefined;
  #lookup: RequestLookup = async () => null;
  /** What agents do, from the `/agent` namespace. */
  readonly agents: DeskAgentActions;

  constructor(options: AgentDeskOptions) {
    this.#store = options.store;
    this.#routing = options.routing ?? {};
    this.#timeZone = options.timeZone ?? 'UTC';
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
    this.#dashboard = new DeskDashboard({
      store: this.#store,
      history: this.history,
      updates: this.#updates,
      delivery: () => this.#delivery,
      lookup: () => this.#lookup,
      warn: (error) => this.#warn(error),
      timeZone: this.#timeZone,
    });
    this.#presence = new DeskPresence(this.#store, options.agentCapacity ?? 3, () =>
      this.#dashboard.agentsChanged(),
    );
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
    return deskKpis(this.#store, this.history, undefined, new Date(), this.#timeZone);
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
    await this.#dashboard.drain();
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
    const available = await this.#store.listAgents({ queue, presence: 'available' });
    return waitEstimator(this.#store, queue, available.length);
  }

  // Agents

  agentConnected(staff: StaffPrincipal): Promise<AgentRecord | null> {
    return this.#presence.agentConnected(staff);
  }

  setPresence(staffId: string, presence: AgentPresence): Promise<void> {
    return this.#presence.setPresence(staffId, presence);
  }

  /** Told when the last agent of a queue signed out (offline): patients there may be stranded. */
  onQueueUnstaffed(listener: (queue: string) => void): () => void {
    return this.#presence.onQueueUnstaffed(listener);
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

  supervisorSnapshot(): Promise<Extract<ServerToAgent, { type: 'supervisor.snapshot' }>> {
    return this.#dashboard.supervisorSnapshot();
  }

  // Changes from the engine

  /** Turns a committed state change into queue, position and dashboard updates. */
  onChange = (change: ConversationChangeEvent): void => this.#dashboard.onChange(change);

  /** A bot conversation registered or ended (any node's engine): its dashboard row. */
  botSessionChanged = (session: BotSessionRecord): void =>
    this.#dashboard.botSessionChanged(session);

  /** A follow-up item changed: its conversation's row says whether one is still open. */
  followUpChanged = (conversationId: string): void =>
    this.#dashboard.followUpChanged(conversationId);

  #warn(error: unknown): void {
    const code =
      error instanceof Error ? ((error as { code?: string }).code ?? error.name) : 'unknown';
    this.#host?.log.warn({ adapter: this.name, err: code }, 'desk update failed');
  }
}

export function createAgentDesk(options: AgentDeskOptions): AgentDesk {
  return new AgentDesk(options);
}

import {
  type AgentPresence,
  BatonProtocolError,
  createId,
  PROTOCOL_VERSION,
  type QueueItem,
  type QueueStatus,
  type ServerToAgent,
  type ServerToPatient,
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
import { HandoffServerError } from '../internal/errors';
import type { ConversationStore } from '../storage/contract';
import type { AgentRecord, ConversationRecord } from '../storage/records';
import { DeskAgentActions, type DeskServerLink } from './agent-actions';
import { type BusinessHoursByQueue, businessHoursProblems } from './business-hours';
import { type RoutingConfig, routeHandoff } from './routing';
import { queueStaffing } from './staffing';
import {
  agentInfoOfRecord,
  agentStatus,
  conversationSummary,
  deskKpis,
  LIVE_STATES,
  queueItems,
  type RequestLookup,
} from './views';
import { estimateWait } from './wait-estimate';
import { DeskHistory } from './wait-history';

/** Where the desk sends its frames (the gateway's socket.io rooms). */
export interface DeskDelivery {
  toPatient(conversationId: string, frame: ServerToPatient): void;
  /** The agents watching a conversation (its assignee, supervisors who opened it). */
  toAgents(conversationId: string, frame: ServerToAgent): void;
  toQueue(queue: string, frame: ServerToAgent): void;
  toSupervisors(frame: ServerToAgent): void;
}

export interface AgentDeskOptions {
  store: ConversationStore;
  routing?: RoutingConfig;
  /** Most conversations an agent holds at once. Default 3. */
  agentCapacity?: number;
  /** Samples kept for wait and handle-time averages. Default 20. */
  historySize?: number;
  /** Opening hours per queue; a queue without an entry is always open. */
  businessHours?: BusinessHoursByQueue;
}

const PRIORITY_ORDER = ['emergency', 'urgent', 'routine'] as const;

const REMOVE_REASON = {
  assigned: 'claimed',
  abandoned: 'abandoned',
  expired: 'expired',
  failed: 'failed',
  returned_to_bot: 'returned_to_bot',
} as const;

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
  }

  /** Connects the desk to the gateway's rooms, the engine's request log and access policy. */
  attach(wiring: { delivery: DeskDelivery; lookup: RequestLookup; link: DeskServerLink }): void {
    this.#delivery = wiring.delivery;
    this.#lookup = wiring.lookup;
    this.#link = wiring.link;
  }

  // HandoffAdapter

  async start(host: AdapterHost): Promise<void> {
    this.#host = host;
  }

  async handoff(conversation: AdapterConversation): Promise<void> {
    const host = this.#host;
    if (!host) throw new BatonProtocolError('unavailable', 'desk not started');
    const queue = routeHandoff(conversation.request, this.#routing);
    const entries = await this.#store.listQueue(queue);
    const rank = PRIORITY_ORDER.indexOf(conversation.request.priority);
    const ahead = entries.filter(
      (e) =>
        e.conversationId !== conversation.conversationId &&
        PRIORITY_ORDER.indexOf(e.priority) <= rank,
    ).length;
    const position = ahead + 1;
    await host.queued(conversation.conversationId, {
      queue,
      position,
      estimatedWaitSeconds: await this.#estimate(queue, position),
    });
  }

  async patientMessage(conversationId: string, message: AdapterPatientMessage): Promise<void> {
    this.#delivery?.toAgents(conversationId, {
      ...envelope(),
      type: 'message',
      conversationId,
      seq: message.seq,
      from: 'patient',
      text: message.text,
      ...(message.textFormat ? { textFormat: message.textFormat } : {}),
    });
  }

  patientTyping(conversationId: string, active: boolean): void {
    this.#delivery?.toAgents(conversationId, {
      ...envelope(),
      type: 'typing',
      conversationId,
      from: 'patient',
      active,
    });
  }

  patientRead(conversationId: string, upToSeq: number): void {
    this.#delivery?.toAgents(conversationId, {
      ...envelope(),
      type: 'read',
      conversationId,
      by: 'patient',
      upToSeq,
    });
  }

  async conversationClosed(): Promise<void> {
    // Nothing held: queues and assignments live in the store, which the engine updated.
  }

  async stop(): Promise<void> {
    await this.#work.drain();
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
   * Replaces the business hours (e.g. from an admin screen); used from the next check on.
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
    return queueStaffing(this.#store, queue, this.#businessHours[queue], options);
  }

  async queueStatus(conversation: ConversationRecord): Promise<QueueStatus | null> {
    if (conversation.state !== 'queued' || !conversation.queue) return null;
    const entries = await this.#store.listQueue(conversation.queue);
    const index = entries.findIndex((e) => e.conversationId === conversation.id);
    if (index < 0) return null;
    return {
      queue: conversation.queue,
      position: index + 1,
      estimatedWaitSeconds: await this.#estimate(conversation.queue, index + 1),
    };
  }

  async #estimate(queue: string, position: number): Promise<number | null> {
    const online = await this.#store.listAgents({ queue, presence: 'online' });
    return estimateWait(this.#store, queue, position, online.length);
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
    if (stored !== 'online' && agent) await this.#checkStaffed(agent.queues);
  }

  /** Told when the last agent of a queue left (offline or away): patients there may be stranded. */
  onQueueUnstaffed(listener: (queue: string) => void): () => void {
    this.#unstaffedListeners.add(listener);
    return () => this.#unstaffedListeners.delete(listener);
  }

  async #checkStaffed(queues: readonly string[]): Promise<void> {
    for (const queue of queues) {
      if (this.#unstaffedListeners.size === 0) return;
      const online = await this.#store.listAgents({ queue, presence: 'online' });
      if (online.length > 0) continue;
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
    const queued = await this.#store.listConversations({ states: ['queued'] });
    const names = new Set([
      ...(this.#routing.queues ?? []).map((q) => q.queue),
      this.#routing.defaultQueue ?? 'general',
    ]);
    for (const c of queued) if (c.queue) names.add(c.queue);
    return [...names];
  }

  async supervisorSnapshot(): Promise<Extract<ServerToAgent, { type: 'supervisor.snapshot' }>> {
    const agents = await this.#store.listAgents();
    const byId = new Map(agents.map((a) => [a.id, a]));
    const live = await this.#store.listConversations({ states: LIVE_STATES });
    const conversations = [];
    for (const c of live.slice(0, 10_000))
      conversations.push(await conversationSummary(c, this.#lookup, byId));
    return {
      ...envelope(),
      type: 'supervisor.snapshot',
      conversations,
      agents: agents.slice(0, 1000).map((a) => agentStatus(a, this.history)),
      kpis: await deskKpis(this.#store, this.history),
    };
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
      .run('desk', () => this.#publish(change))
      .catch((error: unknown) => this.#warn(error));
  };

  async #publish(change: ConversationChangeEvent): Promise<void> {
    const delivery = this.#delivery;
    if (!delivery) return;
    const { conversation, from, to } = change;
    const queue = conversation.queue;
    if (queue && (from === 'queued' || to === 'queued')) {
      if (from === 'queued' && to !== 'queued') {
        const reason = REMOVE_REASON[to as keyof typeof REMOVE_REASON] ?? 'claimed';
        delivery.toQueue(queue, {
          ...envelope(),
          type: 'queue.update',
          change: { op: 'remove', conversationId: conversation.id, reason },
        });
      }
      const entries = await this.#store.listQueue(queue);
      const items = await queueItems(queue, entries, this.#lookup);
      // A new arrival moves only the patients behind it: those ahead keep their place and
      // are not told it again (a routine request joins at the back: one frame, not one per
      // waiting patient).
      const arrived =
        to === 'queued' && from !== 'queued'
          ? items.findIndex((item) => item.conversationId === conversation.id)
          : -1;
      for (const item of arrived > 0 ? items.slice(arrived) : items) {
        if (to === 'queued' && item.conversationId === conversation.id) {
          delivery.toQueue(queue, {
            ...envelope(),
            type: 'queue.update',
            change: { op: 'upsert', item },
          });
        }
        delivery.toPatient(item.conversationId, {
          ...envelope(),
          type: 'handoff.queued',
          conversationId: item.conversationId,
          queue: {
            queue,
            position: item.position,
            estimatedWaitSeconds: await this.#estimate(queue, item.position),
          },
        });
      }
    }
    const agents = await this.#store.listAgents();
    const isLive = (LIVE_STATES as readonly string[]).includes(to);
    delivery.toSupervisors({
      ...envelope(),
      type: 'supervisor.update',
      ...(isLive
        ? {
            upserted: [
              await conversationSummary(
                conversation,
                this.#lookup,
                new Map(agents.map((a) => [a.id, a])),
              ),
            ],
          }
        : { removed: [conversation.id] }),
      agents: agents.slice(0, 1000).map((a) => agentStatus(a, this.history)),
      kpis: await deskKpis(this.#store, this.history),
    });
  }

  #agentsChanged(): void {
    void this.#work
      .run('desk', async () => {
        const agents = await this.#store.listAgents();
        this.#delivery?.toSupervisors({
          ...envelope(),
          type: 'supervisor.update',
          agents: agents.slice(0, 1000).map((a) => agentStatus(a, this.history)),
        });
      })
      .catch((error: unknown) => this.#warn(error));
  }

  #warn(error: unknown): void {
    const code =
      error instanceof Error ? ((error as { code?: string }).code ?? error.name) : 'unknown';
    this.#host?.log.warn({ adapter: this.name, err: code }, 'desk update failed');
  }
}

function envelope() {
  return { v: PROTOCOL_VERSION, id: createId(), ts: new Date().toISOString() };
}

export function createAgentDesk(options: AgentDeskOptions): AgentDesk {
  return new AgentDesk(options);
}

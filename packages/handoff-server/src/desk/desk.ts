import {
  type AgentPresence,
  BatonProtocolError,
  type DeskKpis,
  type HandoffRequest,
  type MessageFields,
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
import type {
  BotSessionRecord,
  ConversationChangeEvent,
  EngineDeskHooks,
  QueueStaffing,
  StaffPrincipal,
} from '../adapters/desk-host';
import type { ConversationStore } from '../storage/contract';
import type { AgentRecord, ConversationRecord } from '../storage/records';
import { DeskAgentActions } from './agent-actions';
import type { BusinessHoursByQueue } from './business-hours';
import { DeskDashboard } from './dashboard';
import { DeskQueues } from './desk-queues';
import { DeskUpdates } from './desk-updates';
import type { AgentDeskOptions } from './options';
import { DeskPresence } from './presence';
import { agentInfoOfRecord, deskKpis, type RequestLookup } from './views';
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
  readonly #queues: DeskQueues;
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
    this.#timeZone = options.timeZone ?? 'UTC';
    this.#queues = new DeskQueues({
      store: this.#store,
      routing: options.routing ?? {},
      businessHours: options.businessHours ?? {},
      positions: () => this.#updates.positions,
    });
    this.history = new DeskHistory(options.historySize ?? 20);
    this.agents = new DeskAgentActions(
      this.#store,
      () => this.#host,
      () => this.#link,
    );
    this.#updates = new DeskUpdates({
      store: this.#store,
      history: this.history,
      estimator: (queue) => this.#queues.estimator(queue),
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
    const place = await this.#queues.place(conversation.conversationId, conversation.request);
    await host.queued(conversation.conversationId, place);
  }

  /** The queue lives in the store: the engine commits the request and its entry together. */
  placeOnRequest(conversationId: string, request: HandoffRequest): Promise<QueueStatus | null> {
    return this.#queues.placeIfOpen(conversationId, request);
  }

  async patientMessage(conversationId: string, message: AdapterPatientMessage): Promise<void> {
    const fields: MessageFields<ServerToAgent, 'message'> = {
      conversationId,
      seq: message.seq,
      from: 'patient',
      text: message.text,
    };
    if (message.textFormat) fields.textFormat = message.textFormat;
    this.#delivery?.toAgents(conversationId, serverToAgentMessage('message', fields));
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
    this.#queues.setBusinessHours(hours);
  }

  /** Whether a queued conversation can be served now (see `queueStaffing`). */
  staffing(
    conversation: ConversationRecord,
    options: { checkAgents?: boolean; now?: Date } = {},
  ): Promise<QueueStaffing> {
    return this.#queues.staffing(conversation, options);
  }

  queueStatus(conversation: ConversationRecord): Promise<QueueStatus | null> {
    return this.#queues.status(conversation);
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

  queueSnapshot(queues: readonly string[]): Promise<QueueItem[]> {
    return this.#queues.snapshot(queues, this.#lookup);
  }

  /** Queues with someone waiting, plus the configured ones. */
  knownQueues(): Promise<string[]> {
    return this.#queues.known();
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

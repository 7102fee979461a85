import { type ServerToAgent, serverToAgentMessage } from '@baton/handoff-protocol';
import type { DeskDelivery } from '../adapters/agent-desk-port';
import {
  type BotSessionRecord,
  type ConversationChangeEvent,
  KeyedSerialQueue,
} from '../adapters/desk-host';
import type { ConversationStore } from '../storage/contract';
import type { DeskUpdates } from './desk-updates';
import { botSessionSummary, handoffSummary, MAP_LIST_LIMIT, supervisorMap } from './supervisor-map';
import { agentStatus, deskKpis, type RequestLookup } from './views';
import type { DeskHistory } from './wait-history';

export interface DeskDashboardOptions {
  store: ConversationStore;
  history: DeskHistory;
  updates: DeskUpdates;
  delivery: () => DeskDelivery | undefined;
  lookup: () => RequestLookup;
  warn: (error: unknown) => void;
  /** The organisation's IANA zone ("today" starts at its midnight). */
  timeZone: string;
}

/**
 * What supervisors see of the desk: committed changes feed the wait and handle-time history
 * and the queue, position and map updates (one at a time, in order); bot sessions, follow-ups
 * and agents' presence update their rows; the snapshot a supervisor gets on subscribing.
 */
export class DeskDashboard {
  readonly history: DeskHistory;
  readonly #store: ConversationStore;
  readonly #updates: DeskUpdates;
  readonly #work = new KeyedSerialQueue();
  readonly #options: DeskDashboardOptions;

  constructor(options: DeskDashboardOptions) {
    this.#options = options;
    this.#store = options.store;
    this.history = options.history;
    this.#updates = options.updates;
  }

  get #delivery(): DeskDelivery | undefined {
    return this.#options.delivery();
  }

  get #lookup(): RequestLookup {
    return this.#options.lookup();
  }

  #warn(error: unknown): void {
    this.#options.warn(error);
  }

  /** Waits for the updates under way. */
  drain(): Promise<void> {
    return this.#work.drain();
  }

  async supervisorSnapshot(): Promise<Extract<ServerToAgent, { type: 'supervisor.snapshot' }>> {
    const agents = await this.#store.listAgents();
    const byId = new Map(agents.map((a) => [a.id, a]));
    const conversations = await supervisorMap(this.#store, this.#lookup, byId);
    return serverToAgentMessage('supervisor.snapshot', {
      conversations,
      agents: agents.slice(0, 1000).map((a) => agentStatus(a, this.history)),
      kpis: await deskKpis(this.#store, this.history, agents, new Date(), this.#options.timeZone),
    });
  }

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

  /** An agent signed in or out, or changed presence: the agents list. */
  agentsChanged(): void {
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
}

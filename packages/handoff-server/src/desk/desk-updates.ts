import {
  type DeskKpis,
  type QueueStatus,
  serverToAgentMessage,
  serverToPatientMessage,
} from '@baton/handoff-protocol';
import type { DeskDelivery } from '../adapters/agent-desk-port';
import type { ConversationChangeEvent } from '../adapters/desk-host';
import type { ConversationStore } from '../storage/contract';
import { yieldToEventLoop } from './event-loop';
import { DeskKpiFeed } from './kpi-feed';
import { QueuePositions } from './queue-positions';
import { handoffSummary } from './supervisor-map';
import { agentStatus, LIVE_STATES, queueItems, type RequestLookup } from './views';
import type { WaitEstimator } from './wait-estimate';
import type { DeskHistory } from './wait-history';

const REMOVE_REASON = {
  assigned: 'claimed',
  abandoned: 'abandoned',
  expired: 'expired',
  failed: 'failed',
  returned_to_bot: 'returned_to_bot',
} as const;

export interface DeskUpdateOptions {
  store: ConversationStore;
  history: DeskHistory;
  estimator: (queue: string) => Promise<WaitEstimator>;
  kpis: () => Promise<DeskKpis>;
  /** Changes of one queue gathered into one position update. Default 100 ms. */
  positionDebounceMs?: number;
  /** KPI figures re-sent this often while a supervisor watches. Default 5000 ms. */
  kpiIntervalMs?: number;
  onError: (error: unknown) => void;
}

export interface DeskUpdateWiring {
  delivery: DeskDelivery;
  lookup: RequestLookup;
  supervisorsWatching: () => boolean;
}

/**
 * Turns committed state changes into queue, position and dashboard frames at a cost that
 * does not depend on the queue's length or the history: per change, the changed
 * conversation's own position (one count) and the agents list (read once); positions of the
 * others follow in one debounced update to the patients whose position moved; KPIs only
 * while a supervisor watches. Each change yields to the event loop first, so a surge of
 * changes never starves sockets and heartbeats.
 */
export class DeskUpdates {
  readonly positions: QueuePositions;
  readonly #options: DeskUpdateOptions;
  #wiring: DeskUpdateWiring | undefined;
  readonly #kpis: DeskKpiFeed;

  constructor(options: DeskUpdateOptions) {
    this.#options = options;
    this.positions = new QueuePositions({
      store: options.store,
      estimator: options.estimator,
      debounceMs: options.positionDebounceMs ?? 100,
      tell: (conversationId, queue) => this.#tell(conversationId, queue),
      onError: options.onError,
    });
    this.#kpis = new DeskKpiFeed({
      compute: options.kpis,
      send: (kpis) =>
        this.#wiring?.delivery.toSupervisors(serverToAgentMessage('supervisor.update', { kpis })),
      watching: () => this.#wiring?.supervisorsWatching() ?? false,
      intervalMs: options.kpiIntervalMs ?? 5000,
      refreshDelayMs: Math.min(250, options.positionDebounceMs ?? 100),
      onError: options.onError,
    });
  }

  attach(wiring: DeskUpdateWiring): void {
    this.#wiring = wiring;
    this.#kpis.start();
  }

  /** Something the dashboard counts changed (a follow-up, a survey): figures soon. */
  kpisChanged(): void {
    this.#kpis.refresh();
  }

  stop(): void {
    this.#kpis.stop();
    this.positions.stop();
  }

  #tell(conversationId: string, queue: QueueStatus): void {
    this.#wiring?.delivery.toPatient(
      conversationId,
      serverToPatientMessage('handoff.queued', { conversationId, queue }),
    );
  }

  async publish(change: ConversationChangeEvent): Promise<void> {
    const wiring = this.#wiring;
    if (!wiring) return;
    await yieldToEventLoop();
    const { store, history } = this.#options;
    const { delivery, lookup } = wiring;
    const { conversation, from, to } = change;
    const queue = conversation.queue;
    if (queue && from === 'queued' && to !== 'queued') {
      const reason = REMOVE_REASON[to as keyof typeof REMOVE_REASON] ?? 'claimed';
      delivery.toQueue(
        queue,
        serverToAgentMessage('queue.update', {
          change: { op: 'remove', conversationId: conversation.id, reason },
        }),
      );
      // Everyone behind moved up one: told together, once the burst is over (nobody behind:
      // nothing to tell).
      await this.positions.removed(queue, conversation.id);
    }
    if (queue && to === 'queued') await this.#arrived(conversation.id, queue, wiring);
    const watching = wiring.supervisorsWatching();
    if (watching) {
      const agents = await store.listAgents();
      const isLive = (LIVE_STATES as readonly string[]).includes(to);
      delivery.toSupervisors(
        serverToAgentMessage('supervisor.update', {
          // Finished ones stay on the map as recently ended (with when they ended).
          upserted: [
            await handoffSummary(
              isLive
                ? conversation
                : { ...conversation, endedAt: conversation.endedAt ?? change.at },
              lookup,
              new Map(agents.map((a) => [a.id, a])),
            ),
          ],
          agents: agents.slice(0, 1000).map((a) => agentStatus(a, history)),
        }),
      );
      this.#kpis.refresh();
    }
  }

  /** A conversation (re)joined a queue: agents get its item; patients behind it may move. */
  async #arrived(conversationId: string, queue: string, wiring: DeskUpdateWiring): Promise<void> {
    const place = await this.#options.store.queuePosition(conversationId);
    if (!place || place.queue !== queue) return;
    const [item] = await queueItems(queue, [place], wiring.lookup);
    wiring.delivery.toQueue(
      queue,
      serverToAgentMessage('queue.update', {
        change: { op: 'upsert', item: { ...item!, position: place.position } },
      }),
    );
    // Someone now waits behind it (a priority arrival, a transfer back), or it stands
    // elsewhere than it was told: one coalesced update. At the back: nobody moved.
    const told = this.positions.toldPosition(conversationId);
    if (!place.last || told !== place.position) this.positions.changed(queue);
  }
}

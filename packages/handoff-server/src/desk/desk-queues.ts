import type { HandoffRequest, QueueItem, QueueStatus } from '@baton/handoff-protocol';
import {
  effectiveBusinessHours,
  effectiveRouting,
  type QueueStaffing,
} from '../adapters/desk-host';
import { HandoffServerError } from '../internal/errors';
import type { ConversationStore } from '../storage/contract';
import type { ConversationRecord } from '../storage/records';
import { type BusinessHoursByQueue, businessHoursProblems } from './business-hours';
import type { QueuePositions } from './queue-positions';
import { type RoutingConfig, routeHandoff } from './routing';
import { queueStaffing } from './staffing';
import { queueItems, type RequestLookup } from './views';
import { type WaitEstimator, waitEstimator } from './wait-estimate';

/** Items in a queue snapshot at most (the first ones of each queue, in order). */
const SNAPSHOT_ITEMS = 1000;

/**
 * The desk's queues: which queue a handoff goes to, a patient's place and estimated wait,
 * whether a queue can be served now (business hours, agents), what waits where. The stored
 * settings (an administrator's, on every node) win over this node's seeds.
 */
export class DeskQueues {
  readonly #store: ConversationStore;
  readonly #routing: RoutingConfig;
  readonly #positions: () => QueuePositions;
  #businessHours: BusinessHoursByQueue;

  constructor(options: {
    store: ConversationStore;
    routing: RoutingConfig;
    businessHours: BusinessHoursByQueue;
    /** Positions patients were told (a position update is sent only when it changes). */
    positions: () => QueuePositions;
  }) {
    this.#store = options.store;
    this.#routing = options.routing;
    this.#businessHours = options.businessHours;
    this.#positions = options.positions;
  }

  /** Where a new handoff waits: its queue, its place (behind its priority or a higher one), the wait. */
  async place(conversationId: string, request: HandoffRequest): Promise<QueueStatus> {
    const queue = routeHandoff(request, await effectiveRouting(this.#store, this.#routing));
    return this.#placeIn(queue, conversationId, request);
  }

  /**
   * `place`, decided before the request is committed, when its queue is within business hours
   * now; null when it is closed (the usual path then offers the fallback at once).
   */
  async placeIfOpen(conversationId: string, request: HandoffRequest): Promise<QueueStatus | null> {
    const queue = routeHandoff(request, await effectiveRouting(this.#store, this.#routing));
    const hours = await effectiveBusinessHours(this.#store, this.#businessHours);
    const staffing = await queueStaffing(this.#store, queue, hours[queue], { checkAgents: false });
    if (!staffing.open) return null;
    return this.#placeIn(queue, conversationId, request);
  }

  async #placeIn(
    queue: string,
    conversationId: string,
    request: HandoffRequest,
  ): Promise<QueueStatus> {
    // Not queued yet: it will stand behind every entry of its priority or a higher one.
    const position = (await this.#store.countQueuedAhead(queue, request.priority)) + 1;
    const estimate = await this.estimator(queue);
    this.#positions().told(conversationId, position);
    return { queue, position, estimatedWaitSeconds: estimate(position) };
  }

  async status(conversation: ConversationRecord): Promise<QueueStatus | null> {
    if (conversation.state !== 'queued' || !conversation.queue) return null;
    const place = await this.#store.queuePosition(conversation.id);
    if (!place || place.queue !== conversation.queue) return null;
    const estimate = await this.estimator(place.queue);
    this.#positions().told(conversation.id, place.position);
    return {
      queue: place.queue,
      position: place.position,
      estimatedWaitSeconds: estimate(place.position),
    };
  }

  /** One agents read and one samples read, then any number of positions estimated. */
  async estimator(queue: string): Promise<WaitEstimator> {
    const available = await this.#store.listAgents({ queue, presence: 'available' });
    return waitEstimator(this.#store, queue, available.length);
  }

  /**
   * Replaces this node's seed business hours, used while no administrator setting is stored.
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
    return effectiveBusinessHours(this.#store, this.#businessHours).then((hours) =>
      queueStaffing(this.#store, queue, hours[queue], options),
    );
  }

  /** What waits in these queues, at most 1000 items. */
  async snapshot(queues: readonly string[], lookup: RequestLookup): Promise<QueueItem[]> {
    const items: QueueItem[] = [];
    for (const queue of queues) {
      const room = SNAPSHOT_ITEMS - items.length;
      if (room <= 0) break;
      items.push(...(await queueItems(queue, await this.#store.listQueue(queue, room), lookup)));
    }
    return items;
  }

  /** Queues with someone waiting, plus the configured ones. */
  async known(): Promise<string[]> {
    const queued = await this.#store.queuedQueueNames();
    const routing = await effectiveRouting(this.#store, this.#routing);
    const names = new Set([
      ...(routing.queues ?? []).map((q) => q.queue),
      routing.defaultQueue ?? 'general',
    ]);
    for (const queue of queued) names.add(queue);
    return [...names];
  }
}

import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { EngineMetrics } from '../engine/types';
import type { ConversationStore } from '../storage/contract';
import { CONVERSATION_STATES } from '../storage/records';

/** Prometheus metrics of one server (its own registry: several servers may share a process). */
export class ServerMetrics implements EngineMetrics {
  readonly registry = new Registry();
  readonly #acked: Counter<'party'>;
  readonly #latency: Histogram;
  readonly #frameErrors: Counter<'code'>;
  readonly #graceRequeues: Counter;
  readonly #fairUse: Counter<'namespace' | 'reason'>;
  readonly connections: Gauge<'namespace'>;
  /** Open sockets by namespace, read when the metrics are collected. */
  #openSockets: () => Iterable<readonly [string, number]> = () => [];

  constructor(
    store: ConversationStore,
    options: {
      defaultMetrics?: boolean;
      /** Queue names allowed as label values; any other counts as `other`. Default: all. */
      queueLabels?: readonly string[];
    } = {},
  ) {
    const known = options.queueLabels ? new Set(options.queueLabels) : null;
    const queueLabel = (queue: string | null) =>
      queue === null ? 'none' : !known || known.has(queue) ? queue : 'other';
    const registers = [this.registry];
    if (options.defaultMetrics !== false)
      collectDefaultMetrics({ register: this.registry, prefix: 'baton_' });
    new Gauge({
      name: 'baton_conversations',
      help: 'Conversations by state',
      labelNames: ['state'],
      registers,
      async collect() {
        for (const state of CONVERSATION_STATES) {
          this.set({ state }, (await store.listConversations({ states: [state] })).length);
        }
      },
    });
    new Gauge({
      name: 'baton_queue_length',
      help: 'Conversations waiting, by queue',
      labelNames: ['queue'],
      registers,
      async collect() {
        this.reset();
        const counts = new Map<string, number>();
        for (const c of await store.listConversations({ states: ['queued'] })) {
          const queue = queueLabel(c.queue);
          counts.set(queue, (counts.get(queue) ?? 0) + 1);
        }
        for (const [queue, count] of counts) this.set({ queue }, count);
      },
    });
    new Gauge({
      name: 'baton_followups',
      help: 'Follow-up items not closed, by status; age of the oldest in seconds',
      labelNames: ['status'],
      registers,
      async collect() {
        const stats = await store.followUpStats(new Date().toISOString());
        this.set({ status: 'open' }, stats.open);
        this.set({ status: 'claimed' }, stats.claimed);
        const oldest = stats.oldestOpenAt ? Date.parse(stats.oldestOpenAt) : Number.NaN;
        this.set(
          { status: 'oldest_age_seconds' },
          Number.isFinite(oldest) ? Math.max(0, (Date.now() - oldest) / 1000) : 0,
        );
      },
    });
    this.#acked = new Counter({
      name: 'baton_messages_acked_total',
      help: 'Messages committed and acknowledged, by sender',
      labelNames: ['party'],
      registers,
    });
    this.#latency = new Histogram({
      name: 'baton_handoff_latency_seconds',
      help: 'From handoff request to an agent holding the conversation',
      buckets: [0.05, 0.1, 0.5, 1, 5, 15, 30, 60, 120, 300, 600, 1800],
      registers,
    });
    this.#frameErrors = new Counter({
      name: 'baton_frame_errors_total',
      help: 'Error frames sent, by protocol error code',
      labelNames: ['code'],
      registers,
    });
    this.#graceRequeues = new Counter({
      name: 'baton_agent_grace_requeues_total',
      help: 'Conversations returned to the front of their queue after the agent stayed away',
      registers,
    });
    this.#fairUse = new Counter({
      name: 'baton_fair_use_refusals_total',
      help: 'Connections refused or closed for fair use (connections, unsent, flood), by namespace',
      labelNames: ['namespace', 'reason'],
      registers,
    });
    this.connections = new Gauge({
      name: 'baton_socket_connections',
      help: 'Open socket.io connections, by namespace',
      labelNames: ['namespace'],
      registers,
      // Counted when read, not per connection: no listener kept on every socket (issue #11).
      collect: () => {
        for (const [namespace, open] of this.#openSockets())
          this.connections.set({ namespace }, open);
      },
    });
  }

  messageAcked(party: 'patient' | 'agent' | 'adapter'): void {
    this.#acked.inc({ party });
  }

  handoffVisible(seconds: number): void {
    this.#latency.observe(seconds);
  }

  agentGraceRequeued(): void {
    this.#graceRequeues.inc();
  }

  /** Where the `baton_socket_connections` gauge reads the open sockets of each namespace. */
  countSockets(openSockets: () => Iterable<readonly [string, number]>): void {
    this.#openSockets = openSockets;
  }

  fairUse(namespace: string, reason: 'connections' | 'unsent' | 'flood'): void {
    this.#fairUse.inc({ namespace, reason });
  }

  frameError(code: string): void {
    this.#frameErrors.inc({ code });
  }
}

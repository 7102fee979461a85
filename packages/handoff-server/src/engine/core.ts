import {
  type AgentInfo,
  type ConversationEvent,
  type HandoffRequest,
  transition,
} from '@baton/handoff-protocol';
import type { AdapterCloseReason, HandoffAdapter } from '../adapters/contract';
import type { AccessGuard } from '../auth/guard';
import {
  type PatientContextProvider,
  tokenClaimsPatientContext,
} from '../patient-context/provider';
import type { ConversationStore } from '../storage/contract';
import type { ReadBy, ReadMarks } from '../storage/read-marks';
import type { ConversationRecord, MessageRecord, NewMessage } from '../storage/records';
import { FINISHED_STATES } from '../storage/records';
import { PatientActivity } from './activity';
import { announceChange } from './change-announcement';
import { errorCode, retryable } from './errors';
import {
  agentFrame,
  hiddenFrame,
  type LogEvent,
  newEventRecord,
  patientFrame,
  readBody,
} from './log-record';
import { OrderedDelivery } from './ordered-delivery';
import { refuse } from './refusals';
import { DurableScheduler, type SchedulerOptions } from './scheduler';
import { KeyedSerialQueue } from './serial-queue';
import { ConversationTimers, type TimerKind } from './timers';
import type {
  BotChannel,
  ConversationChangeListener,
  ConversationDelivery,
  EngineDeskHooks,
  EngineLogger,
  EngineMetrics,
  EngineTimeouts,
} from './types';

export interface EngineCoreOptions {
  /** Where staff's view of the patient comes from. Default: the patient token's claims. */
  patientContext?: PatientContextProvider;
  store: ConversationStore;
  adapter: HandoffAdapter;
  delivery: ConversationDelivery;
  guard: AccessGuard;
  logger: EngineLogger;
  timeouts: EngineTimeouts;
  fallbacks: readonly import('@baton/handoff-protocol').FallbackOption[];
  botChannel?: BotChannel;
  metrics?: EngineMetrics;
  hooks?: EngineDeskHooks;
  onTimer: (kind: TimerKind, conversationId: string) => Promise<void>;
  schedules?: Pick<SchedulerOptions, 'pollMs' | 'leaseMs' | 'owner'>;
}

const LIST_PAGE = 500;
const MAX_PAGES = 200;

/**
 * Shared machinery of the engine: the per-conversation lock, the adapter outbox (calls to
 * the adapter, in order per conversation, outside the lock so adapter reports never wait on
 * it), the log (append = commit, then deliver), transitions and closing.
 */
export class EngineCore {
  readonly store: ConversationStore;
  readonly adapter: HandoffAdapter;
  readonly delivery: ConversationDelivery;
  readonly guard: AccessGuard;
  readonly logger: EngineLogger;
  readonly timeouts: EngineTimeouts;
  readonly fallbacks: readonly import('@baton/handoff-protocol').FallbackOption[];
  readonly botChannel: BotChannel | undefined;
  readonly metrics: EngineMetrics | undefined;
  readonly hooks: EngineDeskHooks;
  readonly patientContext: PatientContextProvider;
  readonly lock = new KeyedSerialQueue();
  readonly outbox = new KeyedSerialQueue();
  readonly scheduler: DurableScheduler;
  readonly timers: ConversationTimers;
  readonly activity: PatientActivity;
  readonly listeners = new Set<ConversationChangeListener>();
  readonly #ordered = new OrderedDelivery((record) => this.deliver(record));
  readonly #requests = new Map<string, Omit<HandoffRequest, 'transcript'>>();
  accepting = true;

  constructor(options: EngineCoreOptions) {
    this.store = options.store;
    this.adapter = options.adapter;
    this.delivery = options.delivery;
    this.guard = options.guard;
    this.logger = options.logger;
    this.timeouts = options.timeouts;
    this.fallbacks = options.fallbacks;
    this.botChannel = options.botChannel;
    this.metrics = options.metrics;
    this.hooks = options.hooks ?? {};
    this.patientContext = options.patientContext ?? tokenClaimsPatientContext;
    this.scheduler = new DurableScheduler({
      store: options.store,
      logger: options.logger,
      ...options.schedules,
    });
    this.timers = new ConversationTimers(this.scheduler, options.onTimer);
    const idleStep = Math.min(5000, Math.floor(options.timeouts.patientIdleMs / 10));
    this.activity = new PatientActivity(options.store, options.logger, idleStep);
  }

  /** Runs `task` alone for this conversation; refuses new work while shutting down. */
  run<T>(conversationId: string, task: () => Promise<T>): Promise<T> {
    if (!this.accepting) return Promise.reject(refuse.unavailable());
    return this.lock.run(conversationId, task).catch((error: unknown) => {
      throw retryable(error);
    });
  }

  /** Calls the adapter in order for this conversation; failures are logged, not thrown. */
  dispatch(conversationId: string, call: string, task: () => Promise<void>): void {
    void this.outbox.run(conversationId, async () => {
      try {
        await task();
      } catch (error) {
        this.logger.warn(
          { conversationId, adapter: this.adapter.name, call, err: errorCode(error) },
          'adapter call failed',
        );
      }
    });
  }

  /** Commits a record; delivers it only the first time (a duplicate was delivered before). */
  async append(
    conversationId: string,
    message: NewMessage,
  ): Promise<MessageRecord & { duplicate: boolean }> {
    const { message: record, duplicate } = await this.#ordered.commit(conversationId, () =>
      this.store.appendMessage(conversationId, message),
    );
    return { ...record, duplicate };
  }

  /**
   * `append` only if `allow(conversation)`, the conversation read in the same store step
   * (see the store's `appendIfAllowed`): null when refused, and nothing written. `onAllowed`
   * runs before the record is delivered.
   */
  async appendIfAllowed(
    conversationId: string,
    message: NewMessage,
    allow: (conversation: ConversationRecord) => boolean,
    onAllowed?: () => void,
  ): Promise<(MessageRecord & { duplicate: boolean }) | null> {
    type Outcome = { message?: MessageRecord; duplicate: boolean };
    const result = await this.#ordered.commit(conversationId, async (): Promise<Outcome> => {
      const outcome = await this.store.appendIfAllowed(conversationId, message, allow);
      if (!outcome.ok) return { duplicate: true };
      onAllowed?.();
      return outcome.appended;
    });
    return result.message ? { ...result.message, duplicate: result.duplicate } : null;
  }

  appendEvent(conversationId: string, event: LogEvent, key?: string) {
    return this.append(conversationId, newEventRecord(event, key));
  }

  /**
   * Patients get every frame of the log meant for them; agents watching the conversation get
   * the rest of the log, but not the patient's own chat messages: carrying those to the agent
   * side is the adapter's job (`patientMessage`). A record with no frame for an audience is
   * announced to it as `log.hidden`, so its clients can tell it from a lost frame.
   */
  deliver(record: MessageRecord): void {
    const body = readBody(record);
    const toPatient = patientFrame(record, body) ?? hiddenFrame(record);
    this.delivery.toPatient(record.conversationId, toPatient);
    if (record.from === 'patient' && body.kind === 'chat') return;
    const toAgents = agentFrame(record) ?? hiddenFrame(record);
    this.delivery.toAgents(record.conversationId, toAgents);
  }

  /**
   * Keeps how far `by` has read (what the other side's client shows after a reload). A read
   * mark is a courtesy: a store that cannot take it now is logged, never an error to the
   * reader.
   */
  async markRead(conversationId: string, by: ReadBy, upToSeq: number): Promise<void> {
    await this.store.markRead(conversationId, by, upToSeq).catch((error: unknown) => {
      this.logger.warn({ conversationId, err: errorCode(error) }, 'read mark not stored');
    });
  }

  /** Both sides' read marks, to send again after a reload; none (logged) if the store cannot say now. */
  async readMarks(conversationId: string): Promise<ReadMarks | null> {
    return this.store.readMarks(conversationId).catch((error: unknown) => {
      this.logger.warn({ conversationId, err: errorCode(error) }, 'read marks not read');
      return null;
    });
  }

  /** Every record after `afterSeq`, in order (bounded paging). */
  async readLog(conversationId: string, afterSeq = 0): Promise<MessageRecord[]> {
    const all: MessageRecord[] = [];
    let after = afterSeq;
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const batch = await this.store.listMessages(conversationId, {
        afterSeq: after,
        limit: LIST_PAGE,
      });
      all.push(...batch);
      if (batch.length < LIST_PAGE) break;
      after = batch[batch.length - 1]!.seq;
    }
    return all;
  }

  async findByKey(conversationId: string, key: string): Promise<MessageRecord | null> {
    const log = await this.readLog(conversationId);
    return log.find((record) => record.clientMessageId === key) ?? null;
  }

  /** The handoff request (without transcript), from cache or from the log. */
  async request(conversationId: string): Promise<Omit<HandoffRequest, 'transcript'> | null> {
    const cached = this.#requests.get(conversationId);
    if (cached) return cached;
    const log = await this.readLog(conversationId);
    let found: Omit<HandoffRequest, 'transcript'> | null = null;
    for (const record of log) {
      const body = readBody(record);
      if (body.kind === 'event' && body.event.type === 'handoff.request')
        found = body.event.request;
    }
    if (found) this.#requests.set(conversationId, found);
    return found;
  }

  rememberRequest(conversationId: string, request: Omit<HandoffRequest, 'transcript'>): void {
    this.#requests.set(conversationId, request);
  }

  async fullRequest(conversationId: string): Promise<HandoffRequest | null> {
    const request = await this.request(conversationId);
    if (!request) return null;
    const transcript = (await this.store.getTranscript(conversationId)) ?? { entries: [] };
    return { ...request, transcript };
  }

  /** Applies a state-machine event with a compare-and-set on the current state. */
  async transition(
    current: ConversationRecord,
    event: ConversationEvent,
    patch: { assignedAgentId?: string | null; queue?: string | null } = {},
  ): Promise<ConversationRecord> {
    const result = transition(current.state, event);
    if (!result.ok) throw result.error;
    if (this.botChannel) await this.request(current.id);
    const change = await this.store.updateState(current.id, {
      expected: current.state,
      next: result.to,
      ...patch,
    });
    if (!change.ok) throw refuse.conflict('The conversation changed meanwhile; try again');
    this.changed(current, change.conversation, event);
    return change.conversation;
  }

  /** Announces a committed state change: listeners, agents watching, bot, timers. */
  changed(
    before: ConversationRecord | null,
    after: ConversationRecord,
    event: string,
    seq?: number,
    agent?: AgentInfo,
  ): void {
    const cachedRequest = (id: string) => this.#requests.get(id);
    announceChange(this, cachedRequest, { before, after, event, seq, agent });
  }

  /** After a conversation reaches a finished state: timers off, adapter told, caches dropped. */
  finish(conversation: ConversationRecord, reason: AdapterCloseReason): void {
    this.timers.cancel(conversation.id);
    this.activity.forget(conversation.id);
    this.dispatch(conversation.id, 'conversationClosed', () =>
      this.adapter.conversationClosed(conversation.id, reason),
    );
    this.#requests.delete(conversation.id);
  }

  async agentInfo(agentId: string): Promise<AgentInfo> {
    const fromHook = await this.hooks.agentInfo?.(agentId);
    if (fromHook) return fromHook;
    const agent = await this.store.getAgent(agentId);
    return { id: agentId, displayName: agent?.displayName ?? agentId };
  }
}

export function isLive(conversation: ConversationRecord): boolean {
  return !FINISHED_STATES.has(conversation.state) && conversation.state !== 'bot';
}

export { errorCode, retryable } from './errors';

import {
  BatonProtocolError,
  type FallbackChoice,
  type FollowUpCounts,
  type FollowUpItem,
  type ServerToAgent,
  serverToAgentMessage,
} from '@baton/handoff-protocol';
import { hasRole, type StaffPrincipal } from '../../auth/principal';
import {
  type FollowUpItemRecord,
  type FollowUpKind,
  SYSTEM_ACTOR_ID,
} from '../../storage/followup-records';
import type { ConversationRecord } from '../../storage/records';
import type { EngineCore } from '../core';
import { errorCode } from '../core';
import { logEntry } from '../log-record';
import { refuse } from '../refusals';
import type { ConversationChangeEvent } from '../types';
import { type ItemAudit, itemAudit, staffActor } from './worklist-audit';
import {
  detailOfChoice,
  FALLBACK_KIND,
  followUpIdOf,
  followUpKey,
  lastFailureReason,
  startOfDayUtc,
  wireCounts,
  wireItem,
} from './worklist-items';

export type WorklistChange = 'created' | 'claimed' | 'closed';
export type WorklistListener = (change: WorklistChange, item: FollowUpItem) => void;

/** Said on an expired or failed item closed because the patient then left a request. */
export const SUPERSEDED_NOTE = 'Superseded: the patient left a request (see the newer item).';
const SYSTEM = SYSTEM_ACTOR_ID;
/** `targetId` of the audit row of a worklist snapshot (no one item). */
export const WORKLIST_TARGET = 'worklist';

/**
 * The follow-up worklist: every message, callback or appointment request a patient leaves
 * through the fallback and every handoff that expired or failed becomes one item in the store
 * (once per cause, whichever node sees it). Staff with access to the item's queue see the
 * items, claim one (one wins) and close it with an outcome note; supervisors see them all.
 * Every step is audited (ids only), told to the worklist rooms and to the adapter.
 */
export class FollowUpWorklist {
  readonly #core: EngineCore;
  readonly #defaultQueue: string;
  readonly #listeners = new Set<WorklistListener>();
  readonly #pending = new Set<Promise<unknown>>();
  readonly #audit: ItemAudit;

  constructor(core: EngineCore, options: { defaultQueue?: string } = {}) {
    this.#core = core;
    this.#audit = itemAudit(core.store);
    this.#defaultQueue = options.defaultQueue ?? 'general';
  }

  onChange(listener: WorklistListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The engine's change listener: a handoff that expired or failed becomes an item. */
  conversationChanged = (change: ConversationChangeEvent): void => {
    if (change.to !== 'expired' && change.to !== 'failed') return;
    if (change.from === change.to) return;
    // Queued behind the running command (which holds the lock and logs `handoff.failed` next).
    const { conversation, to } = change;
    const work = this.#core.lock
      .run(conversation.id, () => this.#unanswered(conversation, to))
      .catch((error: unknown) =>
        this.#core.logger.warn(
          { conversationId: change.conversation.id, err: errorCode(error) },
          'follow-up item not recorded',
        ),
      );
    this.#pending.add(work);
    void work.finally(() => this.#pending.delete(work));
  };

  /** Resolves when items being recorded in the background are stored (tests, shutdown). */
  async idle(): Promise<void> {
    await Promise.all([...this.#pending]);
  }

  /** The patient's fallback pick: idempotent, so a retried pick finds its item. */
  async fromFallback(conversation: ConversationRecord, choice: FallbackChoice): Promise<void> {
    const request = await this.#core.request(conversation.id);
    const kind = FALLBACK_KIND[choice.option];
    const created = await this.#create(
      conversation,
      kind,
      followUpKey.fallback(conversation.id, choice.option),
      detailOfChoice(choice, request?.patient.displayName),
    );
    if (created) await this.#supersede(conversation);
  }

  async #unanswered(conversation: ConversationRecord, kind: 'expired' | 'failed') {
    const request = await this.#core.request(conversation.id);
    const created = await this.#create(
      conversation,
      kind,
      followUpKey.unanswered(conversation.id, kind),
      {
        ...(request ? { patientDisplayName: request.patient.displayName } : {}),
        reason:
          kind === 'expired'
            ? 'expired'
            : lastFailureReason(await this.#core.readLog(conversation.id)),
      },
    );
    // Another node may have stored the patient's request first: then this one is moot.
    if (created && (await this.#hasFallbackItem(conversation.id)))
      await this.#supersede(conversation);
  }

  async #hasFallbackItem(conversationId: string): Promise<boolean> {
    for (const option of Object.keys(FALLBACK_KIND) as FallbackChoice['option'][]) {
      const id = followUpIdOf(followUpKey.fallback(conversationId, option));
      if (await this.#core.store.getFollowUp(id)) return true;
    }
    return false;
  }

  async #create(
    conversation: ConversationRecord,
    kind: FollowUpKind,
    key: string,
    detail: FollowUpItemRecord['detail'],
  ): Promise<boolean> {
    const { store } = this.#core;
    const { item, created } = await store.createFollowUp({
      id: followUpIdOf(key),
      key,
      conversationId: conversation.id,
      queue: conversation.queue ?? this.#defaultQueue,
      priority: conversation.priority,
      patientId: conversation.patientId,
      kind,
      detail,
    });
    if (!created) return false;
    await this.#audit(item, 'followup.create', { actorId: SYSTEM, actorRole: 'system' });
    await this.#announce('created', item);
    return true;
  }

  /** An expired or failed item of the same conversation still open is closed by the system. */
  async #supersede(conversation: ConversationRecord) {
    const { store } = this.#core;
    for (const kind of ['expired', 'failed'] as const) {
      const id = followUpIdOf(followUpKey.unanswered(conversation.id, kind));
      const claim = await store.claimFollowUp(id, SYSTEM);
      if (!claim.ok) continue;
      const closed = await store.closeFollowUp(id, SYSTEM, SUPERSEDED_NOTE);
      if (!closed.ok) continue;
      await this.#audit(closed.item, 'followup.close', { actorId: SYSTEM, actorRole: 'system' });
      await this.#announce('closed', closed.item);
    }
  }

  // Staff

  /** The queues a staff member may work: all of them for supervisors (`null`). */
  queuesOf(staff: StaffPrincipal): readonly string[] | null {
    if (hasRole(staff, 'supervisor')) return null;
    return hasRole(staff, 'agent') ? staff.queues : [];
  }

  mayWork(staff: StaffPrincipal, queue: string): boolean {
    const queues = this.queuesOf(staff);
    return queues === null || queues.includes(queue);
  }

  async snapshot(
    staff: StaffPrincipal,
  ): Promise<Extract<ServerToAgent, { type: 'followup.snapshot' }>> {
    const queues = this.queuesOf(staff);
    const records = await this.#core.store.listFollowUps({
      statuses: ['open', 'claimed'],
      ...(queues === null ? {} : { queues }),
    });
    const items: FollowUpItem[] = [];
    for (const record of records) items.push(await this.#wire(record));
    // What patients asked is disclosed to this person: one audit row per snapshot.
    await this.#core.store.appendAudit({
      action: 'followup.view',
      outcome: 'allowed',
      ...staffActor(staff),
      targetId: WORKLIST_TARGET,
    });
    return serverToAgentMessage('followup.snapshot', { items, counts: await this.counts() });
  }

  async counts(): Promise<FollowUpCounts> {
    const now = Date.now();
    return wireCounts(await this.#core.store.followUpStats(startOfDayUtc(now)), now);
  }

  async claim(staff: StaffPrincipal, itemId: string): Promise<void> {
    const item = await this.#authorize(staff, itemId, 'followup.claim');
    const change = await this.#core.store.claimFollowUp(item.id, staff.staffId);
    if (!change.ok) {
      await this.#audit(item, 'followup.claim', staffActor(staff), 'denied', 'already_claimed');
      throw refuse.conflict('Someone else has taken this follow-up');
    }
    await this.#audit(change.item, 'followup.claim', staffActor(staff));
    await this.#announce('claimed', change.item);
  }

  async close(staff: StaffPrincipal, itemId: string, note: string): Promise<void> {
    const item = await this.#authorize(staff, itemId, 'followup.close');
    const change = await this.#core.store.closeFollowUp(item.id, staff.staffId, note);
    if (!change.ok) {
      const reason = change.reason === 'not_claimant' ? 'not_claimant' : 'not_claimed';
      await this.#audit(item, 'followup.close', staffActor(staff), 'denied', reason);
      if (change.reason === 'not_claimant')
        throw new BatonProtocolError('forbidden', 'Someone else holds this follow-up');
      throw refuse.illegal(change.current?.status ?? 'unknown', 'followup.close');
    }
    await this.#audit(change.item, 'followup.close', staffActor(staff));
    await this.#announce('closed', change.item);
  }

  /** The conversation behind an item, whatever its state, for staff who may work the item. */
  async open(staff: StaffPrincipal, itemId: string) {
    const core = this.#core;
    const item = await this.#authorize(staff, itemId, 'followup.view');
    const conversation = await core.store.getConversation(item.conversationId);
    const request = conversation ? await core.fullRequest(conversation.id) : null;
    if (!conversation || !request) throw refuse.forbidden();
    await this.#audit(item, 'followup.view', staffActor(staff));
    const log = await core.readLog(conversation.id);
    return serverToAgentMessage('conversation.transcript', {
      conversationId: conversation.id,
      state: conversation.state,
      request,
      log: log.slice(-5000).map(logEntry),
      lastSeq: log.length > 0 ? log[log.length - 1]!.seq : 0,
    });
  }

  async #authorize(
    staff: StaffPrincipal,
    itemId: string,
    action: 'followup.claim' | 'followup.close' | 'followup.view',
  ): Promise<FollowUpItemRecord> {
    const item = await this.#core.store.getFollowUp(itemId);
    if (!item || !this.mayWork(staff, item.queue)) {
      await this.#core.store.appendAudit({
        action,
        outcome: 'denied',
        ...staffActor(staff),
        conversationId: item?.conversationId ?? null,
        targetId: itemId,
        reason: item ? 'not_in_agent_queue' : 'unknown_item',
      });
      throw new BatonProtocolError('forbidden', 'This follow-up is not reachable');
    }
    return item;
  }

  async #wire(item: FollowUpItemRecord): Promise<FollowUpItem> {
    const claimedBy =
      item.claimedBy === null
        ? null
        : item.claimedBy === SYSTEM
          ? { id: SYSTEM, displayName: 'Baton' }
          : await this.#core.agentInfo(item.claimedBy);
    return wireItem(item, claimedBy);
  }

  async #announce(change: WorklistChange, record: FollowUpItemRecord): Promise<void> {
    const core = this.#core;
    const item = await this.#wire(record);
    const frame = serverToAgentMessage('followup.update', { item, counts: await this.counts() });
    core.delivery.toWorklist?.(item.queue, frame);
    for (const listener of this.#listeners) {
      try {
        listener(change, item);
      } catch (error) {
        core.logger.warn(
          { conversationId: item.conversationId, err: errorCode(error) },
          'worklist listener failed',
        );
      }
    }
    const adapter = core.adapter;
    if (adapter.followUp)
      core.dispatch(item.conversationId, 'followUp', () => adapter.followUp!({ change, item }));
  }
}

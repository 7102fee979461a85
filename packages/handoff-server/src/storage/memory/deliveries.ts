import { HandoffServerError } from '../../internal/errors';
import type { DeliveryOps, DeliveryRecord } from '../deliveries';
import { deliveryLimit } from '../deliveries';
import { MAX_SCHEDULE_CLAIM } from '../durability';
import { iso } from '../rows';
import { nowIso } from '../shared';
import type { MemoryState } from './state';

const copy = (d: DeliveryRecord): DeliveryRecord => ({
  ...d,
  payload: structuredClone(d.payload),
});

/** The notification outbox in memory: same rules as the SQL backends, trivially atomic. */
export function memoryDeliveries(state: Pick<MemoryState, 'conversations'>): DeliveryOps {
  const rows = new Map<string, DeliveryRecord>();
  const byKey = new Map<string, string>();
  /** Rows of deleted conversations go with them (the SQL stores' `ON DELETE CASCADE`). */
  const prune = () => {
    for (const [id, d] of rows) {
      if (state.conversations.has(d.conversationId)) continue;
      rows.delete(id);
      byKey.delete(d.key);
    }
  };
  return {
    async enqueueDelivery(input) {
      prune();
      const existingId = byKey.get(input.key);
      if (existingId) return { delivery: copy(rows.get(existingId)!), created: false };
      if (!state.conversations.has(input.conversationId))
        throw new HandoffServerError('not_found', 'conversation not found');
      if (rows.has(input.id)) throw new HandoffServerError('conflict');
      const now = nowIso();
      const record: DeliveryRecord = {
        id: input.id,
        key: input.key,
        channel: input.channel,
        kind: input.kind,
        conversationId: input.conversationId,
        patientId: input.patientId,
        payload: structuredClone(input.payload),
        status: input.status ?? 'pending',
        attempts: 0,
        dueAt: iso(input.dueAt),
        claimedBy: null,
        claimedUntil: null,
        lastError: input.lastError ?? null,
        createdAt: now,
        updatedAt: now,
        sentAt: null,
      };
      rows.set(record.id, record);
      byKey.set(record.key, record.id);
      return { delivery: copy(record), created: true };
    },
    async getDelivery(id) {
      prune();
      const found = rows.get(id);
      return found ? copy(found) : null;
    },
    async claimDueDeliveries(claim) {
      prune();
      const now = iso(claim.now);
      const until = new Date(Date.parse(now) + claim.leaseMs).toISOString();
      const limit = Math.max(0, Math.min(claim.limit, MAX_SCHEDULE_CLAIM));
      const due = [...rows.values()]
        .filter(
          (d) =>
            d.status === 'pending' &&
            d.dueAt <= now &&
            (d.claimedUntil === null || d.claimedUntil <= now),
        )
        .sort((a, b) => (a.dueAt < b.dueAt ? -1 : 1))
        .slice(0, limit);
      for (const d of due) {
        d.claimedBy = claim.owner;
        d.claimedUntil = until;
        d.attempts += 1;
        d.updatedAt = nowIso();
      }
      return due.map(copy);
    },
    async settleDelivery(id, owner, outcome) {
      prune();
      const d = rows.get(id);
      if (d?.status !== 'pending' || d.claimedBy !== owner) return false;
      d.status = outcome.status;
      if (outcome.status === 'pending') d.dueAt = iso(outcome.retryAt);
      d.lastError = outcome.status === 'sent' ? null : outcome.error;
      d.sentAt = outcome.status === 'sent' ? nowIso() : null;
      d.claimedBy = null;
      d.claimedUntil = null;
      d.updatedAt = nowIso();
      return true;
    },
    async listDeliveries(filter) {
      prune();
      return [...rows.values()]
        .filter(
          (d) =>
            (!filter?.statuses || filter.statuses.includes(d.status)) &&
            (!filter?.conversationId || d.conversationId === filter.conversationId),
        )
        .sort((a, b) =>
          a.updatedAt === b.updatedAt ? (a.id < b.id ? -1 : 1) : a.updatedAt > b.updatedAt ? -1 : 1,
        )
        .slice(0, deliveryLimit(filter?.limit))
        .map(copy);
    },
    async retryDelivery(id, at) {
      prune();
      const d = rows.get(id);
      if (!d || (d.status !== 'failed' && d.status !== 'undeliverable')) return null;
      Object.assign(d, {
        status: 'pending',
        attempts: 0,
        dueAt: iso(at),
        lastError: null,
        claimedBy: null,
        claimedUntil: null,
        updatedAt: nowIso(),
      });
      return copy(d);
    },
  };
}

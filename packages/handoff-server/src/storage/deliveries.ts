import type { FieldCipher } from './crypto';
import type { ScheduleClaim } from './durability';
import { iso } from './rows';

/**
 * The notification outbox (migration 9): one row per message Baton owes a patient (an
 * appointment reminder by e-mail or by the signed webhook). Rows are claimed by one node at
 * a time (compare-and-set on a lease), settled by the claimer, retried with backoff, and
 * stay listed for administrators when they fail.
 */
export type DeliveryChannel = 'email' | 'webhook';

/**
 * `pending`: waiting for its time (first try or a retry). `sent`: handed to the channel.
 * `failed`: gave up after the retry limit or a permanent refusal. `undeliverable`: there is
 * no way to reach this patient (no trusted address), recorded so that staff see it.
 */
export type DeliveryStatus = 'pending' | 'sent' | 'failed' | 'undeliverable';

export const DELIVERY_STATUSES: readonly DeliveryStatus[] = [
  'pending',
  'sent',
  'failed',
  'undeliverable',
];

export interface NewDelivery {
  id: string;
  /** Exactly once per key, across nodes: a repeat returns the stored row. */
  key: string;
  channel: DeliveryChannel;
  /** What the delivery is, e.g. `appointment.reminder`. */
  kind: string;
  conversationId: string;
  patientId: string;
  /** What the template needs and nothing more; sealed at rest. */
  payload: Record<string, unknown>;
  /** Not before this instant (ISO). */
  dueAt: string;
  /** Created already settled (e.g. `undeliverable` with its reason). Default `pending`. */
  status?: 'pending' | 'undeliverable';
  lastError?: string | null;
}

export interface DeliveryRecord {
  id: string;
  key: string;
  channel: DeliveryChannel;
  kind: string;
  conversationId: string;
  patientId: string;
  payload: Record<string, unknown>;
  status: DeliveryStatus;
  /** Attempts started (a claim counts one, so a crash after sending shows as an attempt). */
  attempts: number;
  dueAt: string;
  claimedBy: string | null;
  claimedUntil: string | null;
  /** A short code (`smtp_unreachable`, `http_503`, `no_contact`…), never message content. */
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
  sentAt: string | null;
}

/** How the claimer settles a claimed row. */
export type DeliveryOutcome =
  | { status: 'sent' }
  | { status: 'pending'; retryAt: string; error: string }
  | { status: 'failed'; error: string };

export interface DeliveryFilter {
  statuses?: readonly DeliveryStatus[];
  conversationId?: string;
  /** Default and maximum 200. */
  limit?: number;
}

export const DELIVERY_LIST_LIMIT = 200;

export interface DeliveryOps {
  /** Creates a delivery; a repeated `key` returns the stored one (`created: false`). */
  enqueueDelivery(input: NewDelivery): Promise<{ delivery: DeliveryRecord; created: boolean }>;
  getDelivery(id: string): Promise<DeliveryRecord | null>;
  /**
   * Claims due `pending` rows (unclaimed or with an expired lease), oldest first, counting
   * one attempt each: of nodes claiming at once, each row goes to exactly one.
   */
  claimDueDeliveries(claim: ScheduleClaim): Promise<DeliveryRecord[]>;
  /** Settles a row this owner holds (still `pending`, claimed by `owner`); false otherwise. */
  settleDelivery(id: string, owner: string, outcome: DeliveryOutcome): Promise<boolean>;
  /** Newest first, bounded (see `DELIVERY_LIST_LIMIT`). */
  listDeliveries(filter?: DeliveryFilter): Promise<DeliveryRecord[]>;
  /** `failed`/`undeliverable` → `pending` due at `at`, attempts reset; null when not retryable. */
  retryDelivery(id: string, at: string): Promise<DeliveryRecord | null>;
}

export const deliveryAad = (id: string) => `baton:v1:deliveries:${id}`;

export function deliveryLimit(limit: number | undefined): number {
  return Math.max(1, Math.min(limit ?? DELIVERY_LIST_LIMIT, DELIVERY_LIST_LIMIT));
}

type Row = Record<string, unknown>;
const isoOrNull = (v: unknown) => (v === null || v === undefined ? null : iso(v as string | Date));
const textOrNull = (v: unknown) => (v === null || v === undefined ? null : String(v));

/** Row → record for both SQL backends (same column names). */
export function toDelivery(cipher: FieldCipher, row: Row): DeliveryRecord {
  const id = String(row.id);
  return {
    id,
    key: String(row.delivery_key),
    channel: String(row.channel) as DeliveryChannel,
    kind: String(row.kind),
    conversationId: String(row.conversation_id),
    patientId: String(row.patient_id),
    payload: cipher.openJson<Record<string, unknown>>(
      { keyId: String(row.key_id), data: row.payload as Buffer },
      deliveryAad(id),
    ),
    status: String(row.status) as DeliveryStatus,
    attempts: Number(row.attempts),
    dueAt: iso(row.due_at as string | Date),
    claimedBy: textOrNull(row.claimed_by),
    claimedUntil: isoOrNull(row.claimed_until),
    lastError: textOrNull(row.last_error),
    createdAt: iso(row.created_at as string | Date),
    updatedAt: iso(row.updated_at as string | Date),
    sentAt: isoOrNull(row.sent_at),
  };
}

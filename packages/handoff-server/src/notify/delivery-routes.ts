import type { IncomingMessage } from 'node:http';
import { hasRole, type StaffPrincipal } from '../auth/principal';
import { bearerToken, type TokenVerifiers } from '../gateway/transcript-export';
import { pathSegment } from '../ops/http';
import type { ConversationStore } from '../storage/contract';
import { DELIVERY_STATUSES, type DeliveryRecord, type DeliveryStatus } from '../storage/deliveries';

type Reply = { status: number; body: unknown };

const LIST_PATH = '/api/admin/deliveries';
const RETRY_PATH = /^\/api\/admin\/deliveries\/([\x21-\x7e]{1,128})\/retry$/;

const refused = (status: number, code: string, message: string): Reply => ({
  status,
  body: { error: { code, message } },
});

/** What an administrator sees of a delivery: ids, channel, status and codes; no address. */
export function deliveryView(d: DeliveryRecord) {
  return {
    id: d.id,
    channel: d.channel,
    kind: d.kind,
    conversationId: d.conversationId,
    status: d.status,
    attempts: d.attempts,
    lastError: d.lastError,
    dueAt: d.dueAt,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
    sentAt: d.sentAt,
  };
}

export interface DeliveryRoutesOptions {
  store: Pick<ConversationStore, 'listDeliveries' | 'retryDelivery' | 'appendAudit'>;
  verifiers: TokenVerifiers;
  /** Wakes the outbox after a retry. */
  onRetry?: () => void;
}

/**
 * `GET /api/admin/deliveries?status=failed,undeliverable` lists outbox rows (newest first,
 * at most 200); `POST /api/admin/deliveries/{id}/retry` puts a failed or undeliverable one
 * back in the outbox. Administrators only (a staff token, `Authorization: Bearer …`); every
 * call and every refusal is audited. `null` for paths it does not serve.
 */
export function createDeliveryRoutes(options: DeliveryRoutesOptions) {
  const { store } = options;
  return async (req: IncomingMessage, path: string): Promise<Reply | null> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const retry = RETRY_PATH.exec(path);
    if (path !== LIST_PATH && !retry) return null;
    const action = retry ? 'notification.retry' : 'notification.list';
    if (retry ? req.method !== 'POST' : req.method !== 'GET')
      return refused(405, 'invalid_message', retry ? 'POST only' : 'GET only');
    const token = bearerToken(req);
    const staff: StaffPrincipal | null = token
      ? await options.verifiers.verifyStaff(token).catch(() => null)
      : null;
    if (!staff) return refused(401, 'unauthorized', 'An administrator token is required');
    const deliveryId = retry ? pathSegment(retry[1]!) : null;
    const allowed = hasRole(staff, 'admin');
    const audit = (outcome: 'allowed' | 'denied', reason: string | null) =>
      store.appendAudit({
        action,
        outcome,
        actorId: staff.staffId,
        actorRole: allowed ? 'admin' : 'agent',
        targetId: deliveryId,
        reason,
      });
    if (!allowed) {
      await audit('denied', 'role_required');
      return refused(403, 'forbidden', 'Administrators only');
    }
    if (!retry) {
      const statuses = parseStatuses(url.searchParams.get('status'));
      if (statuses === null) return refused(400, 'invalid_message', 'Unknown status');
      const rows = await store.listDeliveries(statuses.length ? { statuses } : {});
      await audit('allowed', null);
      return { status: 200, body: { deliveries: rows.map(deliveryView) } };
    }
    const row = await store.retryDelivery(deliveryId!, new Date().toISOString());
    if (!row) {
      await audit('denied', 'not_retryable');
      return refused(409, 'conflict', 'Only a failed or undeliverable delivery can be retried');
    }
    await audit('allowed', null);
    options.onRetry?.();
    return { status: 200, body: { delivery: deliveryView(row) } };
  };
}

function parseStatuses(raw: string | null): DeliveryStatus[] | null {
  if (!raw) return [];
  const parts = raw.split(',').map((s) => s.trim());
  if (!parts.every((s) => (DELIVERY_STATUSES as readonly string[]).includes(s))) return null;
  return parts as DeliveryStatus[];
}

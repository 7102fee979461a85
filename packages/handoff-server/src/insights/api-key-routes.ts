import type { IncomingMessage, ServerResponse } from 'node:http';
import { auditRole } from '../auth/principal';
import type { TokenVerifiers } from '../gateway/transcript-export';
import { HttpInputError, pathSegment, readJson } from '../ops/http';
import type { ConversationStore } from '../storage/contract';
import { newApiKeySecret } from './api-key-gate';
import { gateStaff } from './staff-request';

export interface ApiKeyRoutesOptions {
  store: ConversationStore;
  verifiers: TokenVerifiers;
}

const REVOKE_PATH = /^\/api\/admin\/api-keys\/([0-9a-f-]{36})\/revoke$/;

/**
 * API keys for reporting tools (Power BI, Grafana): read-only, analytics only (JSON and CSV).
 * `GET /api/admin/api-keys` lists them (never a secret); `POST` `{ name }` makes one and
 * answers its secret, once; `POST /api/admin/api-keys/{id}/revoke` refuses it from then on.
 * Administrators only; audited (`config.read`, `config.update` with reason `api_key.created`
 * or `api_key.revoked`); each use of a key is audited by the analytics route.
 */
export function createApiKeyRoutes(options: ApiKeyRoutesOptions) {
  const { store } = options;
  return async (req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> => {
    const revoke = REVOKE_PATH.exec(path);
    if (path !== '/api/admin/api-keys' && !revoke) return false;
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, {
        'content-type': 'application/json; charset=utf-8',
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      });
      res.end(JSON.stringify(body));
      return true;
    };
    const allowed = revoke ? ['POST'] : ['GET', 'POST'];
    if (!allowed.includes(req.method ?? ''))
      return reply(405, { error: { code: 'invalid_message', message: `${allowed} only` } });
    const action = req.method === 'GET' ? 'config.read' : 'config.update';
    const gate = await gateStaff(req, options, ['admin'], action);
    if (!gate.ok) return reply(gate.status, gate.body);
    const actor = { actorId: gate.staff.staffId, actorRole: auditRole(gate.staff) };
    if (req.method === 'GET') {
      await store.appendAudit({ action, outcome: 'allowed', ...actor, targetId: 'api-keys' });
      return reply(200, { keys: await store.listApiKeys() });
    }
    if (revoke) {
      const id = pathSegment(revoke[1]!);
      if (!(await store.revokeApiKey(id)))
        return reply(404, { error: { code: 'not_found', message: 'No such active key' } });
      await store.appendAudit({
        action,
        outcome: 'allowed',
        ...actor,
        targetId: id,
        reason: 'api_key.revoked',
      });
      return reply(200, { id, revoked: true });
    }
    const body = (await readJson(req)) as { name?: unknown } | null;
    const name = typeof body?.name === 'string' ? body.name.trim() : '';
    if (name.length < 1 || name.length > 80)
      throw new HttpInputError(400, 'invalid_message', 'name: 1 to 80 characters');
    const fresh = newApiKeySecret();
    const key = await store.createApiKey({
      id: fresh.id,
      name,
      scope: 'analytics',
      secretHash: fresh.secretHash,
      createdBy: gate.staff.staffId,
    });
    await store.appendAudit({
      action,
      outcome: 'allowed',
      ...actor,
      targetId: key.id,
      reason: 'api_key.created',
    });
    // The secret leaves the server this once; the store keeps only its hash.
    return reply(201, { key, secret: fresh.secret });
  };
}

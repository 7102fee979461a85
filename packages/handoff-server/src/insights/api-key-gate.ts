import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { bearerToken } from '../gateway/transcript-export';
import type { ConversationStore } from '../storage/contract';
import type { AuditAction } from '../storage/records';

/** Every API key starts so: told apart from a staff JWT (which starts with `ey`). */
export const API_KEY_PREFIX = 'baton_ak_';

export const apiKeyHash = (secret: string): string =>
  createHash('sha256').update(secret, 'utf8').digest('hex');

/** A new key: its id, the secret shown once, and the hash the store keeps. */
export function newApiKeySecret(): { id: string; secret: string; secretHash: string } {
  const secret = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { id: randomUUID(), secret, secretHash: apiKeyHash(secret) };
}

export type ApiKeyGate =
  | { ok: true; actorId: string }
  | { ok: false; status: 401; body: { error: { code: string; message: string } } };

/**
 * A request that carries an API key (`Authorization: Bearer baton_ak_…`); `null` when it
 * carries none (a staff token, or nothing). A known key that is not revoked passes and its use
 * is recorded; an unknown or revoked one is refused, and the refusal audited under `action`.
 */
export async function gateApiKey(
  req: IncomingMessage,
  store: ConversationStore,
  action: AuditAction,
): Promise<ApiKeyGate | null> {
  const token = bearerToken(req);
  if (!token?.startsWith(API_KEY_PREFIX)) return null;
  const key = await store.findApiKey(apiKeyHash(token));
  if (!key || key.revokedAt !== null || key.scope !== 'analytics') {
    await store.appendAudit({
      action,
      outcome: 'denied',
      actorId: key ? `api-key:${key.id}` : 'unverified',
      actorRole: key ? 'system' : 'unverified',
      reason: key ? 'api_key_revoked' : 'invalid_api_key',
    });
    return {
      ok: false,
      status: 401,
      body: { error: { code: 'unauthorized', message: 'Unknown or revoked API key' } },
    };
  }
  await store.touchApiKey(key.id, new Date().toISOString());
  return { ok: true, actorId: `api-key:${key.id}` };
}

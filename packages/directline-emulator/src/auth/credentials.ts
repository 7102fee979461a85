import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { DirectLineEmulatorError } from '../errors.js';
import type { DirectLineTokenClaims, TokenIssuer } from './tokens.js';

/** Who is calling: the holder of the secret (any conversation) or of one conversation's token. */
export type Credential =
  | { kind: 'secret' }
  | { kind: 'token'; token: string; claims: DirectLineTokenClaims };

export function bearerOf(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  if (!header) return;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

function sameSecret(candidate: string, secret: string): boolean {
  const a = Buffer.from(candidate);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** 401 without a bearer credential; 403 for a wrong one; 403 `TokenExpired` for an old token. */
export async function authenticate(
  req: IncomingMessage,
  secret: string,
  tokens: TokenIssuer,
): Promise<Credential> {
  const bearer = bearerOf(req);
  if (bearer === undefined) {
    throw new DirectLineEmulatorError(
      'Unauthorized',
      'Missing or malformed Authorization header: expected "Bearer SECRET_OR_TOKEN".',
    );
  }
  if (sameSecret(bearer, secret)) return { kind: 'secret' };
  return { kind: 'token', token: bearer, claims: await tokens.verify(bearer) };
}

/** A token reaches only its own conversation; the secret reaches any. */
export function assertReaches(credential: Credential, conversationId: string): void {
  if (credential.kind === 'secret') return;
  if (credential.claims.conversationId !== conversationId) {
    throw new DirectLineEmulatorError('Forbidden', 'The token is not valid for this conversation.');
  }
}

/** `scheme://host[:port]`, lower-cased, as browsers send it; `undefined` for anything else. */
export function normalizeOrigin(value: string): string | undefined {
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    if (url.origin === 'null' || value.toLowerCase().replace(/\/$/, '') !== url.origin) {
      return undefined;
    }
    return url.origin;
  } catch {
    return undefined;
  }
}

/**
 * A token generated with `trustedOrigins` is used only from one of them, as Azure's enhanced
 * authentication does: the request's `Origin` header must be listed (403 otherwise, and for a
 * request that states no origin).
 */
export function assertTrustedOrigin(credential: Credential, req: IncomingMessage): void {
  if (credential.kind !== 'token' || credential.claims.origins.length === 0) return;
  const origin =
    typeof req.headers.origin === 'string' ? normalizeOrigin(req.headers.origin) : undefined;
  if (!origin || !credential.claims.origins.includes(origin)) {
    throw new DirectLineEmulatorError('Forbidden', 'The origin is not trusted for this token.');
  }
}

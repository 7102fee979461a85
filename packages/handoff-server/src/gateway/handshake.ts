import type { Namespace, Socket } from 'socket.io';
import { auditRole, type Principal, principalId } from '../auth/principal';
import type { EngineLogger } from '../engine/types';
import type { AuditEvent } from '../storage/records';
import { TokenExpiry } from './token-expiry';

const MAX_TOKEN_LENGTH = 8192;

/** Why a handshake was refused: a machine code, audited as the reason. */
export type HandshakeRefusal =
  | 'missing_token'
  | 'invalid_token'
  | 'token_expired'
  | 'staff_disabled';

export interface HandshakeAudit {
  appendAudit(event: AuditEvent): Promise<unknown>;
}

/** Who knocked, for the audit log: nobody known before the token was verified. */
const UNVERIFIED_ACTOR = 'unverified';

/**
 * Authenticates a socket in its handshake (`auth: { token }`); refuses with `unauthorized`
 * (or `token_expired` for a token past its `exp`, which the client answers with a fresh
 * one). Every refusal is audited (`auth.handshake`, denied, with its reason; never the token).
 */
export function requireToken<P extends Principal>(
  namespace: Namespace,
  verify: (token: string) => Promise<P>,
  logger: EngineLogger,
  audit?: HandshakeAudit,
  /** A last word on a verified principal (a disabled staff member): a refusal or `null`. */
  admit?: (principal: P) => Promise<HandshakeRefusal | null>,
): void {
  const doorRole = namespace.name === '/patient' ? 'patient' : 'agent';
  namespace.use((socket: Socket, next: (err?: Error) => void) => {
    const auth = socket.handshake.auth as { token?: unknown } | undefined;
    const token = auth?.token;
    const refuse = (reason: HandshakeRefusal, principal?: P) => {
      logger.info({ namespace: namespace.name, reason }, 'handshake refused');
      audit
        ?.appendAudit({
          action: 'auth.handshake',
          outcome: 'denied',
          actorId: principal ? principalId(principal) : UNVERIFIED_ACTOR,
          actorRole: principal ? auditRole(principal) : doorRole,
          reason,
        })
        .catch(() => logger.warn({ namespace: namespace.name }, 'handshake audit failed'));
      const code = reason === 'token_expired' ? 'token_expired' : 'unauthorized';
      const error = new Error(code) as Error & { data?: unknown };
      error.data = { code };
      next(error);
    };
    if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_LENGTH) {
      refuse('missing_token');
      return;
    }
    verify(token).then(
      (principal) => {
        // The verified token is not kept for the socket's life (hundreds of bytes on every
        // idle connection, and a credential in memory): the principal holds what it said.
        (auth as { token?: unknown }).token = undefined;
        // The verifier tolerates clock skew; a live socket is never opened past `exp`.
        if (principal.tokenExpiresAt !== undefined && principal.tokenExpiresAt <= Date.now()) {
          refuse('token_expired', principal);
          return;
        }
        if (!admit) {
          socket.data.principal = principal;
          return next();
        }
        admit(principal).then(
          (refusal) => {
            if (refusal) return refuse(refusal, principal);
            socket.data.principal = principal;
            next();
          },
          () => next(new Error('unavailable')),
        );
      },
      () => refuse('invalid_token'),
    );
  });
  const expiry = new TokenExpiry();
  namespace.on('connection', (socket) => expiry.watch(socket));
}

import type { Namespace, Socket } from 'socket.io';
import type { EngineLogger } from '../engine/types';

const MAX_TOKEN_LENGTH = 8192;

/** Authenticates a socket in its handshake (`auth: { token }`); refuses with `unauthorized`. */
export function requireToken<P>(
  namespace: Namespace,
  verify: (token: string) => Promise<P>,
  logger: EngineLogger,
  onRefused?: () => void,
): void {
  namespace.use((socket: Socket, next: (err?: Error) => void) => {
    const auth = socket.handshake.auth as { token?: unknown } | undefined;
    const token = auth?.token;
    const refuse = (reason: string) => {
      logger.info({ namespace: namespace.name, reason }, 'handshake refused');
      onRefused?.();
      const error = new Error('unauthorized') as Error & { data?: unknown };
      error.data = { code: 'unauthorized' };
      next(error);
    };
    if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_LENGTH) {
      refuse('missing_token');
      return;
    }
    verify(token).then(
      (principal) => {
        socket.data.principal = principal;
        next();
      },
      () => refuse('invalid_token'),
    );
  });
}

import type { Server as HttpServer } from 'node:http';
import { createAdapter as createRedisAdapter } from '@socket.io/redis-adapter';
import { Server } from 'socket.io';
import { errorCode } from '../engine/core';
import type { EngineLogger } from '../engine/types';
import { SETTINGS_CHANGED_EVENT, type SettingsCache } from '../insights/settings-cache';
import type { RedisClients } from '../server-options';
import type { ConversationStore } from '../storage/contract';
import { allowRequestFor } from './origin';
import { publisherForAdapter, resyncAfterRedisReconnect } from './redis-link';
import { turnBatchedWsEngine } from './turn-writes';

export interface SocketServerOptions {
  store: Pick<ConversationStore, 'appendAudit'>;
  logger: EngineLogger;
  isAllowedOrigin: (origin: string | undefined) => boolean;
  /** Shutting down: new connections are refused. */
  isClosing: () => boolean;
  /** Largest socket.io message in bytes. Default 1 MiB. */
  maxFrameBytes?: number | undefined;
  /** Several nodes: rooms and settings changes go through Redis. */
  redis?: RedisClients | undefined;
  settingsCache: SettingsCache;
}

/**
 * The socket.io server on `httpServer`: refused origins turned away (and audited) at the
 * handshake and on upgrades, the Redis adapter when several nodes share rooms, settings
 * changes told to every node, clients told to resync after the Redis link comes back.
 * `stopResync` ends the reconnect watch (shutdown).
 */
export function createSocketServer(
  httpServer: HttpServer,
  options: SocketServerOptions,
): { io: Server; stopResync: () => void } {
  const { store, logger, isAllowedOrigin, settingsCache, redis } = options;
  // A refused origin is a failed handshake too: audited (no token was read).
  const originRefused = () => {
    store
      .appendAudit({
        action: 'auth.handshake',
        outcome: 'denied',
        actorId: 'unverified',
        actorRole: 'unverified',
        reason: 'origin_not_allowed',
      })
      .catch(() => logger.warn({}, 'handshake audit failed'));
  };
  const allowOrigin = allowRequestFor(isAllowedOrigin, originRefused);
  const io = new Server(httpServer, {
    serveClient: false,
    wsEngine: turnBatchedWsEngine(),
    maxHttpBufferSize: options.maxFrameBytes ?? 1024 * 1024,
    allowRequest: (req, callback) =>
      options.isClosing() ? callback('closing', false) : allowOrigin(req, callback),
    cors: { origin: (origin, callback) => callback(null, isAllowedOrigin(origin)) },
  });
  // Requests that carry a session id (upgrades from polling) are checked too.
  io.engine.use(
    (req: { headers: Record<string, unknown> }, _res: unknown, next: (err?: Error) => void) => {
      const origin = req.headers.origin;
      if (isAllowedOrigin(typeof origin === 'string' ? origin : undefined)) return next();
      originRefused();
      next(new Error('origin not allowed'));
    },
  );
  if (!redis) return { io, stopResync: () => undefined };
  let publishFailed = false;
  const publisher = publisherForAdapter(redis.pubClient, (error) => {
    if (!publishFailed) logger.warn({ err: errorCode(error) }, 'redis publish failed');
    publishFailed = true;
  });
  io.adapter(createRedisAdapter(publisher, redis.subClient));
  settingsCache.onChanged = (name) => io.serverSideEmit(SETTINGS_CHANGED_EVENT, name);
  io.on(SETTINGS_CHANGED_EVENT, (name: unknown) =>
    settingsCache.invalidate(typeof name === 'string' ? name : undefined),
  );
  const stopResync = resyncAfterRedisReconnect(io, redis.subClient, () => {
    publishFailed = false;
    // A change broadcast while the link was down never arrived: read every setting again.
    settingsCache.invalidate();
    logger.info({}, 'redis subscriber back: clients told to resync');
  });
  return { io, stopResync };
}

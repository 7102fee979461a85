import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DevSignIn } from '../auth/dev-signin';
import type { ConversationEngine } from '../engine/engine';
import type { EngineLogger } from '../engine/types';
import {
  exportTranscript,
  type HttpReply,
  type TokenVerifiers,
} from '../gateway/transcript-export';
import { HandoffServerError } from '../internal/errors';
import type { ServerMetrics } from './metrics';
import { type MetricsEndpointOptions, serveMetrics } from './metrics-endpoint';

export interface HttpRoutesOptions {
  engine: ConversationEngine;
  verifiers: TokenVerifiers;
  metrics: ServerMetrics;
  /** Each check resolves when its dependency answers (store, Redis). */
  readiness: Record<string, () => Promise<void>>;
  devSignIn?: DevSignIn;
  logger: EngineLogger;
  isClosing: () => boolean;
  /** Each readiness check gets this long before it counts as down. Default 2000. */
  readinessTimeoutMs?: number;
  /** Cookie sessions (`/api/session…`), when the server signs its own staff tokens. */
  sessionRoutes?: (req: IncomingMessage, res: ServerResponse, path: string) => Promise<boolean>;
  /** Who may read `/metrics` (a bearer token, or a port of its own). */
  metricsEndpoint?: MetricsEndpointOptions;
  /** `/api/admin/…`: disabling and enabling staff. */
  adminRoutes?: (req: IncomingMessage, path: string) => Promise<HttpReply | null>;
  /** `/api/analytics`, `/api/admin/settings…`, `/api/escalation-settings`: true when served. */
  insightRoutes?: (req: IncomingMessage, res: ServerResponse, path: string) => Promise<boolean>;
}

/** Every check at once, each bounded: `ok`, `unavailable` (failed) or `timeout`. */
async function checkReadiness(
  readiness: Record<string, () => Promise<void>>,
  timeoutMs = 2000,
): Promise<Record<string, 'ok' | 'unavailable' | 'timeout'>> {
  const entries = await Promise.all(
    Object.entries(readiness).map(async ([name, check]) => {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), timeoutMs);
      });
      const state = await Promise.race([
        check().then(
          () => 'ok' as const,
          () => 'unavailable' as const,
        ),
        late,
      ]);
      clearTimeout(timer);
      return [name, state] as const;
    }),
  );
  return Object.fromEntries(entries);
}

const MAX_BODY = 16 * 1024;

function send(res: ServerResponse, reply: HttpReply): void {
  const body = JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(body);
}

/** A request the client got wrong: answered with its status and a typed body, never logged. */
export class HttpInputError extends Error {
  override readonly name = 'HttpInputError';
  constructor(
    readonly status: 400 | 413,
    readonly code: 'invalid_message' | 'frame_too_large',
    message: string,
  ) {
    super(message);
  }
}

export async function readJson(req: IncomingMessage): Promise<unknown> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY)
      throw new HttpInputError(413, 'frame_too_large', `The body is over ${MAX_BODY} bytes`);
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpInputError(400, 'invalid_message', 'The body is not JSON');
  }
}

/** A path segment, percent-decoded; bad encoding is the client's error (400). */
export function pathSegment(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new HttpInputError(400, 'invalid_message', 'Bad percent-encoding in the path');
  }
}

/** The socket's peer address (a proxy in front: one address for all; see the docs). */
export const clientAddress = (req: IncomingMessage): string =>
  req.socket.remoteAddress ?? 'unknown';

export const THROTTLED: HttpReply = {
  status: 429,
  body: { error: { code: 'rate_limited', message: 'Too many failed sign-ins; wait and retry' } },
};

const TRANSCRIPT_PATH = /^\/api\/conversations\/([\x21-\x7e]{1,128})\/transcript$/;

/** Health, readiness, metrics, transcript export and (when enabled) development sign-in. */
export function createHttpRoutes(options: HttpRoutesOptions) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    try {
      if (req.method === 'GET' && path === '/healthz')
        return send(res, { status: 200, body: { status: 'ok' } });
      if (req.method === 'GET' && path === '/readyz') {
        if (options.isClosing()) return send(res, { status: 503, body: { status: 'closing' } });
        const checks = await checkReadiness(options.readiness, options.readinessTimeoutMs);
        const ready = Object.values(checks).every((state) => state === 'ok');
        return send(res, {
          status: ready ? 200 : 503,
          body: { status: ready ? 'ready' : 'unavailable', checks },
        });
      }
      if (
        req.method === 'GET' &&
        path === '/metrics' &&
        options.metricsEndpoint?.port === undefined
      )
        return serveMetrics(options.metrics.registry, options.metricsEndpoint ?? {}, req, res);
      const transcript = TRANSCRIPT_PATH.exec(path);
      if (req.method === 'GET' && transcript) {
        return send(
          res,
          await exportTranscript(
            req,
            pathSegment(transcript[1]!),
            options.engine,
            options.verifiers,
          ),
        );
      }
      if (options.sessionRoutes && (await options.sessionRoutes(req, res, path))) return;
      if (options.insightRoutes && (await options.insightRoutes(req, res, path))) return;
      const admin = await options.adminRoutes?.(req, path);
      if (admin) return send(res, admin);
      if (req.method === 'POST' && path === '/api/dev/signin' && options.devSignIn?.enabled) {
        const body = (await readJson(req)) as { username?: unknown; password?: unknown };
        if (typeof body?.username !== 'string' || typeof body.password !== 'string') {
          return send(res, {
            status: 400,
            body: { error: { code: 'invalid_message', message: 'username and password required' } },
          });
        }
        try {
          const { token, principal } = await options.devSignIn.signIn(
            body.username,
            body.password,
            { address: clientAddress(req) },
          );
          return send(res, { status: 200, body: { token, staff: principal } });
        } catch (error) {
          if (HandoffServerError.is(error, 'signin_throttled')) return send(res, THROTTLED);
          return send(res, {
            status: 401,
            body: { error: { code: 'unauthorized', message: 'Unknown user or wrong password' } },
          });
        }
      }
      send(res, { status: 404, body: { error: { code: 'not_found', message: 'Not found' } } });
    } catch (error) {
      if (error instanceof HttpInputError) {
        if (!res.headersSent)
          send(res, {
            status: error.status,
            body: { error: { code: error.code, message: error.message } },
          });
        return;
      }
      options.logger.error(
        {
          path: path.startsWith('/api/conversations/') ? '/api/conversations/:id' : path,
          err: error instanceof Error ? error.name : 'unknown',
        },
        'http request failed',
      );
      if (!res.headersSent)
        send(res, {
          status: 500,
          body: { error: { code: 'internal', message: 'Internal error' } },
        });
    }
  };
}

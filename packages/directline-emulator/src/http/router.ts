import type { IncomingMessage, ServerResponse } from 'node:http';
import { replyToActivity, sendToConversation } from '../channel/connectorRoutes.js';
import type { EmulatorContext } from '../context.js';
import { DirectLineEmulatorError } from '../errors.js';
import type { FaultRoute } from '../faults.js';
import { controlFaults } from './controlRoutes.js';
import {
  generateToken,
  getActivities,
  getAttachment,
  postActivity,
  reconnect,
  refreshToken,
  startConversationRoute,
} from './directLineRoutes.js';
import { sendError, sendJson, setCorsHeaders } from './respond.js';
import { upload } from './upload.js';

export type RouteHandler = (
  ctx: EmulatorContext,
  req: IncomingMessage,
  res: ServerResponse,
  params: string[],
  url: URL,
) => Promise<void>;

interface Route {
  method: 'GET' | 'POST';
  pattern: RegExp;
  /** Direct Line routes take injected faults; the bot's connector routes do not. */
  fault?: Exclude<FaultRoute, 'any'>;
  handler: RouteHandler;
}

const segment = '([^/]+)';
const dl = '/v3/directline';

const routes: Route[] = [
  { method: 'POST', pattern: re(`${dl}/tokens/generate`), fault: 'tokens', handler: generateToken },
  { method: 'POST', pattern: re(`${dl}/tokens/refresh`), fault: 'tokens', handler: refreshToken },
  {
    method: 'POST',
    pattern: re(`${dl}/conversations`),
    fault: 'conversations',
    handler: startConversationRoute,
  },
  {
    method: 'GET',
    pattern: re(`${dl}/conversations/${segment}`),
    fault: 'conversations',
    handler: reconnect,
  },
  {
    method: 'POST',
    pattern: re(`${dl}/conversations/${segment}/activities`),
    fault: 'activities',
    handler: postActivity,
  },
  {
    method: 'GET',
    pattern: re(`${dl}/conversations/${segment}/activities`),
    fault: 'activities',
    handler: getActivities,
  },
  {
    method: 'POST',
    pattern: re(`${dl}/conversations/${segment}/upload`),
    fault: 'upload',
    handler: upload,
  },
  { method: 'GET', pattern: re(`${dl}/attachments/${segment}`), handler: getAttachment },
  {
    method: 'POST',
    pattern: re(`/v3/conversations/${segment}/activities`),
    handler: sendToConversation,
  },
  {
    method: 'POST',
    pattern: re(`/v3/conversations/${segment}/activities/${segment}`),
    handler: replyToActivity,
  },
  { method: 'POST', pattern: re('/emulator/faults'), handler: controlFaults },
  {
    method: 'GET',
    pattern: re('/health'),
    handler: async (_ctx, _req, res) => sendJson(res, 200, { status: 'ok' }),
  },
];

function re(path: string): RegExp {
  return new RegExp(`^${path}/?$`);
}

function match(
  method: string,
  path: string,
): { route: Route; params: string[] } | 'method' | undefined {
  let pathMatched = false;
  for (const route of routes) {
    const found = route.pattern.exec(path);
    if (!found) continue;
    pathMatched = true;
    if (route.method !== method) continue;
    return { route, params: found.slice(1).map((p) => decodeURIComponent(p)) };
  }
  return pathMatched ? 'method' : undefined;
}

/** The HTTP side of the emulator: Direct Line 3.0, the Bot Connector API, and fault control. */
export function createRequestListener(ctx: EmulatorContext) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    setCorsHeaders(req, res);
    const method = req.method ?? 'GET';
    if (method === 'OPTIONS') {
      res.statusCode = 204;
      res.end();
      return;
    }
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://emulator.invalid');
    } catch {
      sendError(res, new DirectLineEmulatorError('BadArgument', 'Malformed request URL.'));
      return;
    }
    void handle(ctx, req, res, method, url).catch((error: unknown) => {
      const status = DirectLineEmulatorError.is(error) ? error.status : 500;
      const code = DirectLineEmulatorError.is(error) ? error.code : 'ServiceError';
      ctx.emit({ type: 'request.failed', method, path: routeName(url.pathname), status, code });
      req.resume();
      sendError(res, error);
    });
  };
}

async function handle(
  ctx: EmulatorContext,
  req: IncomingMessage,
  res: ServerResponse,
  method: string,
  url: URL,
): Promise<void> {
  let found: ReturnType<typeof match>;
  try {
    found = match(method, url.pathname);
  } catch (cause) {
    throw new DirectLineEmulatorError('BadArgument', 'Malformed path.', { cause });
  }
  if (found === undefined) throw new DirectLineEmulatorError('NotFound', 'No such endpoint.');
  if (found === 'method')
    throw new DirectLineEmulatorError('MethodNotAllowed', 'Method not allowed.');
  if (found.route.fault) await ctx.faults.apply(found.route.fault);
  await found.route.handler(ctx, req, res, found.params, url);
}

/** A path with its ids blanked, for logs. */
function routeName(path: string): string {
  return path.replace(/\/(conversations|attachments|activities)\/[^/]+/g, '/$1/:id');
}

import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

/**
 * Who may read `/metrics`. Default: anyone reaching the main port (a private network only).
 * `bearerToken`: a scraper must send `Authorization: Bearer <token>`. `port`: served only on
 * a port of its own (default host 127.0.0.1), and no longer on the main port.
 */
export interface MetricsEndpointOptions {
  bearerToken?: string;
  port?: number;
  host?: string;
}

function bearerMatches(req: IncomingMessage, expected: string): boolean {
  const header = req.headers.authorization;
  if (typeof header !== 'string' || !header.startsWith('Bearer ')) return false;
  const given = Buffer.from(header.slice(7));
  const wanted = Buffer.from(expected);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

/** Answers one `/metrics` request under the options' rules. */
export async function serveMetrics(
  registry: Registry,
  options: MetricsEndpointOptions,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (options.bearerToken && !bearerMatches(req, options.bearerToken)) {
    res.writeHead(401, {
      'content-type': 'application/json; charset=utf-8',
      'www-authenticate': 'Bearer',
    });
    res.end(JSON.stringify({ error: { code: 'unauthorized', message: 'Bearer token required' } }));
    return;
  }
  const text = await registry.metrics();
  res.writeHead(200, { 'content-type': registry.contentType });
  res.end(text);
}

/** The separate metrics listener (only `GET /metrics`), when `port` is set. */
export async function startMetricsServer(
  registry: Registry,
  options: MetricsEndpointOptions & { port: number },
): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' || path !== '/metrics') {
      res.writeHead(404, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ error: { code: 'not_found', message: 'Not found' } }));
      return;
    }
    serveMetrics(registry, options, req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return { server, port: (server.address() as AddressInfo).port };
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import { ATTACHMENT_PATH, BatonProtocolError, ERROR_CODES } from '@baton/handoff-protocol';
import type { ConversationEngine } from '../engine/engine';
import type { EngineLogger } from '../engine/types';
import { bearerToken, principalFrom, type TokenVerifiers } from '../gateway/transcript-export';
import { refID } from './service';

const ID = /^\/api\/attachments\/([A-Za-z0-9_-]{1,128})$/;

export interface AttachmentRoutesOptions {
  engine: ConversationEngine;
  verifiers: TokenVerifiers;
  logger: EngineLogger;
  isAllowedOrigin: (origin: string | undefined) => boolean;
}

function json(res: ServerResponse, status: number, body: unknown, cors: Record<string, string>) {
  res.writeHead(status, {
    ...cors,
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(JSON.stringify(body));
}

const problem = (code: string, message: string) => ({ error: { code, message } });

/** Reads the body up to `max` bytes; `null` when it is larger (the rest is not read). */
async function readBytes(req: IncomingMessage, max: number): Promise<Uint8Array | null> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > max) return null;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max) return null;
    chunks.push(chunk as Buffer);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

/**
 * `PUT /api/attachments/{id}` with the grant's token (`Authorization: Bearer …`) and the raw
 * bytes: `{ attachment }`. `GET /api/attachments/{id}` with a patient or staff token: the
 * bytes (images inline, PDF as a download), never cached, sandboxed; or, for an agent system
 * behind an adapter, `GET /api/attachments/{id}?link=…` with a signed link and no token. Cross-origin requests
 * are answered for the origins the sockets accept (`BATON_ALLOWED_ORIGINS`).
 */
export function createAttachmentRoutes(options: AttachmentRoutesOptions) {
  const { engine, verifiers, logger } = options;
  return async (req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> => {
    if (!path.startsWith(ATTACHMENT_PATH)) return false;
    const origin = typeof req.headers.origin === 'string' ? req.headers.origin : undefined;
    const cors: Record<string, string> =
      origin && options.isAllowedOrigin(origin)
        ? {
            'access-control-allow-origin': origin,
            'access-control-allow-methods': 'GET, PUT',
            'access-control-allow-headers': 'authorization, content-type',
            'access-control-max-age': '600',
            vary: 'Origin',
          }
        : {};
    if (origin && !options.isAllowedOrigin(origin)) {
      json(res, 403, problem('forbidden', 'Origin not allowed'), {});
      return true;
    }
    if (req.method === 'OPTIONS') {
      res.writeHead(204, cors);
      res.end();
      return true;
    }
    const match = ID.exec(path);
    if (!match) {
      json(res, 404, problem('not_found', 'Not found'), cors);
      return true;
    }
    const id = match[1]!;
    try {
      if (req.method === 'PUT') {
        const token = bearerToken(req);
        if (!token) {
          json(res, 401, problem('unauthorized', 'The upload token is required'), cors);
          return true;
        }
        const max = engine.attachments.settings.maxBytes;
        const bytes = await readBytes(req, max);
        if (!bytes) {
          json(
            res,
            413,
            problem('attachment_too_large', `Files are limited to ${max} bytes`),
            cors,
          );
          return true;
        }
        const stored = await engine.attachments.upload(id, token, bytes);
        json(res, 200, { attachment: refID(stored) }, cors);
        return true;
      }
      if (req.method === 'GET') {
        const link = new URL(req.url ?? '/', 'http://baton.invalid').searchParams.get('link');
        const principal = link === null ? await principalFrom(req, verifiers) : null;
        if (link === null && !principal) {
          json(res, 401, problem('unauthorized', 'A valid bearer token is required'), cors);
          return true;
        }
        const { record, bytes } = principal
          ? await engine.attachments.download(principal, id)
          : await engine.attachments.downloadByLink(id, link ?? '');
        const inline = record.contentType.startsWith('image/');
        res.writeHead(200, {
          ...cors,
          'content-type': record.contentType,
          'content-length': String(bytes.byteLength),
          'content-disposition': `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(record.name)}`,
          'cache-control': 'private, no-store',
          'x-content-type-options': 'nosniff',
          'content-security-policy': "default-src 'none'; sandbox",
          'cross-origin-resource-policy': 'cross-origin',
        });
        res.end(Buffer.from(bytes));
        return true;
      }
      json(res, 405, problem('invalid_message', 'GET or PUT only'), cors);
      return true;
    } catch (error) {
      if (BatonProtocolError.is(error)) {
        json(res, ERROR_CODES[error.code].status, problem(error.code, error.message), cors);
        return true;
      }
      logger.error(
        { path: '/api/attachments/:id', err: error instanceof Error ? error.name : 'unknown' },
        'attachment request failed',
      );
      if (!res.headersSent) json(res, 500, problem('internal', 'Something went wrong'), cors);
      return true;
    }
  };
}

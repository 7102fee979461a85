import type { IncomingMessage, ServerResponse } from 'node:http';

/** A JSON error answer: a closed `code`, fixed wording, never request content. */
export interface JsonError {
  status: number;
  code: string;
  message: string;
  issues?: readonly { path: string; code: string }[];
}

export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
}

/** Reads a request body, refusing (and draining nothing more) past `maxBytes`. */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) {
      reject(new BodyTooLargeError());
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > maxBytes) {
        done = true;
        reject(new BodyTooLargeError());
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (done) return;
      done = true;
      resolve(Buffer.concat(chunks));
    });
    req.on('error', (error) => {
      if (done) return;
      done = true;
      reject(error);
    });
  });
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(payload),
    'cache-control': 'no-store',
  });
  res.end(payload);
}

export function sendError(res: ServerResponse, error: JsonError): void {
  const body: { code: string; message: string; issues?: JsonError['issues'] } = {
    code: error.code,
    message: error.message,
  };
  if (error.issues) body.issues = error.issues;
  sendJson(res, error.status, { error: body });
}

export function isJsonContentType(req: IncomingMessage): boolean {
  const type = req.headers['content-type'];
  return typeof type === 'string' && /^application\/([a-z0-9.+-]*\+)?json\s*(;|$)/i.test(type);
}

/** zod issues reduced to where and what, without the offending values. */
export function issuesOf(error: {
  issues: readonly { path: readonly PropertyKey[]; code: string }[];
}): { path: string; code: string }[] {
  return error.issues.slice(0, 20).map((issue) => ({
    path: issue.path.map((key) => String(key)).join('.'),
    code: issue.code,
  }));
}

/** Pathname of a request URL, without query; `null` when unparsable. */
export function pathnameOf(req: IncomingMessage): string | null {
  try {
    return new URL(req.url ?? '/', 'http://localhost').pathname;
  } catch {
    return null;
  }
}

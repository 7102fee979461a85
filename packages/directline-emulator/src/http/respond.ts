import type { IncomingMessage, ServerResponse } from 'node:http';
import { DirectLineEmulatorError } from '../errors.js';

/** Browsers (Web Chat on another origin) call the emulator directly: allow it. */
export function setCorsHeaders(req: IncomingMessage, res: ServerResponse): void {
  const origin = req.headers.origin;
  res.setHeader('Access-Control-Allow-Origin', origin ?? '*');
  if (origin) res.setHeader('Vary', 'Origin');
  res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PUT, DELETE, OPTIONS');
  res.setHeader(
    'Access-Control-Allow-Headers',
    'Authorization, Content-Type, x-ms-bot-agent, x-requested-with',
  );
  res.setHeader('Access-Control-Expose-Headers', 'Retry-After');
  res.setHeader('Access-Control-Max-Age', '600');
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(payload));
  res.setHeader('Cache-Control', 'no-store');
  res.end(payload);
}

/** Writes any thrown value as a Direct Line error body; unknown errors become 500. */
export function sendError(res: ServerResponse, error: unknown): void {
  const known = DirectLineEmulatorError.is(error)
    ? error
    : new DirectLineEmulatorError('ServiceError', 'Internal error in the Direct Line emulator.', {
        cause: error,
      });
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (known.retryAfterSeconds !== undefined) {
    res.setHeader('Retry-After', String(known.retryAfterSeconds));
  }
  sendJson(res, known.status, known.toBody());
}

import type { IncomingMessage } from 'node:http';
import { type FirstTurnRequest, readFirstTurnRequest } from './first-turn';
import { SessionHandlerError } from './session-error';

const MAX_BODY = 4096;
interface SessionBody {
  locale?: string;
  resume?: { conversationId: string; resumeBinding?: string };
  init?: FirstTurnRequest;
}

export async function readBody(
  request: IncomingMessage & { body?: unknown },
): Promise<SessionBody> {
  let raw: unknown = request.body;
  if (raw === undefined) {
    let size = 0;
    const chunks: Buffer[] = [];
    for await (const chunk of request) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY) throw new SessionHandlerError('bad_request', 'body too large');
      chunks.push(chunk as Buffer);
    }
    const text = Buffer.concat(chunks).toString('utf8');
    try {
      raw = text ? JSON.parse(text) : {};
    } catch (cause) {
      throw new SessionHandlerError('bad_request', 'body is not JSON', { cause });
    }
  }
  const body = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const resume = body.resume as Record<string, unknown> | undefined;
  const locale =
    typeof body.locale === 'string' && /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(body.locale)
      ? body.locale
      : undefined;
  const init = readFirstTurnRequest(body.init);
  if (init === null) throw new SessionHandlerError('bad_request', 'init is invalid');
  if (resume !== undefined) {
    const id = resume?.conversationId;
    if (typeof id !== 'string' || id.length === 0 || id.length > 256) {
      throw new SessionHandlerError('bad_request', 'resume.conversationId is invalid');
    }
    const binding = typeof resume.resumeBinding === 'string' ? resume.resumeBinding : undefined;
    return {
      ...(locale ? { locale } : {}),
      resume: { conversationId: id, ...(binding ? { resumeBinding: binding } : {}) },
    };
  }
  return { ...(locale ? { locale } : {}), ...(init ? { init } : {}) };
}

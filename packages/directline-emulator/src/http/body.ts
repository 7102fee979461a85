import type { IncomingMessage } from 'node:http';
import { DirectLineEmulatorError } from '../errors.js';

/** Reads a request body, refusing more than `limit` bytes with 413 `MessageSizeTooBig`. */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    throw tooBig(limit);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limit) {
      req.resume();
      throw tooBig(limit);
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

function tooBig(limit: number): DirectLineEmulatorError {
  return new DirectLineEmulatorError(
    'MessageSizeTooBig',
    `The request body is larger than ${limit} bytes.`,
  );
}

/** Parses a JSON body; an empty body gives `undefined`; malformed JSON is 400 `BadArgument`. */
export async function readJson(req: IncomingMessage, limit: number): Promise<unknown> {
  const body = await readBody(req, limit);
  if (body.length === 0) return undefined;
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch (cause) {
    throw new DirectLineEmulatorError('BadArgument', 'The request body is not valid JSON.', {
      cause,
    });
  }
}

import { type LookupAddress, lookup } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { HandoffServerError } from '../../internal/errors';

const refused = (why: string) => new HandoffServerError('invalid_report', why);

/**
 * A DNS lookup that refuses private addresses as the connection is made: the address checked
 * is the one connected to (no second resolution a rebinding name could answer differently).
 */
function guardedLookup(isPrivate: (address: string) => boolean): LookupFunction {
  return (hostname, options, callback) => {
    lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 4);
      const list = addresses as unknown as LookupAddress[];
      if (list.length === 0 || list.some((a) => isPrivate(a.address)))
        return callback(refused('contentUrl resolves to a private address'), '', 4);
      if (options.all)
        return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
      return callback(null, list[0]!.address, list[0]!.family);
    });
  };
}

/**
 * `GET url` with Node's own client: no redirect followed (anything but 200 is refused), the
 * whole download within `timeoutMs`, at most `maxBytes` read. With `isPrivate`, every address
 * connected to is checked by the lookup.
 */
export function downloadFile(
  url: URL,
  limits: { timeoutMs: number; maxBytes: number; isPrivate?: (address: string) => boolean },
): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const fail = (error: unknown) => {
      clearTimeout(timer);
      reject(HandoffServerError.is(error) ? error : refused('contentUrl could not be fetched'));
    };
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const request = send(
      url,
      { method: 'GET', ...(limits.isPrivate ? { lookup: guardedLookup(limits.isPrivate) } : {}) },
      (response) => {
        if (response.statusCode !== 200) {
          response.resume();
          return fail(refused('contentUrl could not be fetched'));
        }
        if (Number(response.headers['content-length'] ?? 0) > limits.maxBytes) {
          response.destroy();
          return fail(refused('file too large'));
        }
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.byteLength;
          if (size > limits.maxBytes) {
            response.destroy();
            fail(refused('file too large'));
          } else chunks.push(chunk);
        });
        response.on('end', () => {
          clearTimeout(timer);
          resolve(new Uint8Array(Buffer.concat(chunks)));
        });
        response.on('error', fail);
      },
    );
    const timer = setTimeout(
      () => request.destroy(refused('contentUrl timed out')),
      limits.timeoutMs,
    );
    request.on('error', fail);
    request.end();
  });
}

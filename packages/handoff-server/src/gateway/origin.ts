import type { IncomingMessage } from 'node:http';

/**
 * The Origin allowlist. Browsers always send `Origin` on WebSocket upgrades and
 * cross-origin requests; a request from a listed origin, or with no `Origin` at all (a
 * server-side client, which no allowlist can restrain), passes. `*` allows every origin.
 */
export function createOriginCheck(allowed: readonly string[]) {
  const any = allowed.includes('*');
  const set = new Set(allowed.map((origin) => origin.replace(/\/+$/, '').toLowerCase()));
  return (origin: string | undefined): boolean => {
    if (origin === undefined || any) return true;
    return set.has(origin.toLowerCase());
  };
}

/** engine.io `allowRequest`: runs on every handshake, polling or WebSocket upgrade. */
export function allowRequestFor(
  isAllowed: (origin: string | undefined) => boolean,
  onRefused?: () => void,
) {
  return (
    req: IncomingMessage,
    callback: (err: string | null | undefined, success: boolean) => void,
  ) => {
    const origin = req.headers.origin;
    if (isAllowed(typeof origin === 'string' ? origin : undefined)) return callback(null, true);
    onRefused?.();
    callback('origin not allowed', false);
  };
}

import { createRequire } from 'node:module';
import WebSocket from 'ws';

/**
 * botframework-directlinejs expects a browser: a global WebSocket (Node 20 has none) and a
 * global XMLHttpRequest (rxjs's ajax). `ws` and `xhr2` stand in for them in Node.
 */
export function installBrowserGlobals(): () => void {
  const g = globalThis as Record<string, unknown>;
  const saved = { WebSocket: g.WebSocket, XMLHttpRequest: g.XMLHttpRequest };
  g.WebSocket = WebSocket;
  g.XMLHttpRequest = createRequire(import.meta.url)('xhr2');
  return () => {
    g.WebSocket = saved.WebSocket;
    g.XMLHttpRequest = saved.XMLHttpRequest;
  };
}

/** Polls `check` until it holds, at most `timeoutMs`. */
export async function waitFor<T>(
  check: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 5000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

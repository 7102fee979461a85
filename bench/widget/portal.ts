import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { createSessionHandler } from '@baton/chat-widget/server';
import { type DirectLineEmulator, startDirectLineEmulator } from '@baton/directline-emulator';
import { buildBrowserFiles } from '../../packages/chat-widget/scripts/browser-bundle';

/**
 * The bench portal: one loopback server with two already-loaded pages, each with a "chat"
 * button, in front of one Direct Line emulator (the shipped Health-Bot-like scenarios).
 * - `/baton.html`: Baton's documented snippet (the loader, `data-session`); the launcher.
 * - `/webchat.html`: Bot Framework Web Chat 4.18.1 as its docs and Health Bot's container
 *   sample use it: the click adds `webchat-minimal.js` and (in parallel, to spare it a round
 *   trip) fetches a Direct Line token from the portal; then `renderWebChat` with
 *   `createDirectLine({ token })` and a store that posts the same `InitConversation` on
 *   `DIRECT_LINE/CONNECT_FULFILLED`.
 * Both sessions come from `createSessionHandler` (same JWT, same patient); Web Chat's issues
 * a token only (`startConversation: false`), as Web Chat starts the conversation itself.
 * Scripts are served compressed (brotli when the browser offers it, else gzip), uncached.
 */
export const GREETING = 'Hello Pat!';
const PATIENT_TOKEN_KEY = 'bench-widget-patient-token-key-32-bytes!';

export interface ServedFile {
  path: string;
  body: Buffer;
  gzip: Buffer;
  brotli: Buffer;
}

export interface BenchPortal {
  url: string;
  emulator: DirectLineEmulator;
  files: Map<string, ServedFile>;
  close(): Promise<void>;
}

const webChatPath = () =>
  join(
    dirname(createRequire(import.meta.url).resolve('botframework-webchat')),
    '../dist/webchat-minimal.js',
  );

function served(path: string, code: string | Buffer): ServedFile {
  const body = Buffer.from(code);
  return {
    path,
    body,
    gzip: gzipSync(body, { level: 9 }),
    brotli: brotliCompressSync(body, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    }),
  };
}

// The click time is taken by the first capture listener on the window; the first bot message
// is the greeting's text in the DOM (Baton's shadow root, Web Chat's container), stamped at
// the next animation frame (when it can be painted).
const WATCH = `
window.__bench = {};
addEventListener('click', () => { window.__bench.clickAt ??= performance.now(); }, true);
window.__watch = (root) => {
  const seen = () => {
    if (window.__bench.shownAt || !root.textContent.includes(${JSON.stringify(GREETING)})) return;
    window.__bench.shownAt = -1;
    requestAnimationFrame(() => { window.__bench.shownAt = performance.now(); });
  };
  new MutationObserver(seen).observe(root, { childList: true, subtree: true, characterData: true });
};`;

const batonPage = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Portal (Baton)</title>
<script>${WATCH}</script>
<script async src="/baton/baton.js" data-session="/baton/session"></script></head>
<body><main><h1>My health portal</h1><p>Welcome back.</p></main>
<script>addEventListener('load', () => { const host = document.querySelector('[data-baton]'); window.__watch(host.shadowRoot); window.__bench.ready = true; });</script>
</body></html>`;

const webChatPage = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Portal (Web Chat)</title>
<script>${WATCH}</script>
<style>#webchat{position:fixed;inset-block-end:20px;inset-inline-end:20px;width:380px;height:560px}</style></head>
<body><main><h1>My health portal</h1><p>Welcome back.</p></main>
<button id="chat" type="button">Chat with us</button><div id="webchat" role="region" aria-label="Chat"></div>
<script>
const container = document.getElementById('webchat');
window.__watch(container);
document.getElementById('chat').addEventListener('click', () => {
  const session = fetch('/webchat/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"locale":"en"}' }).then((r) => r.json());
  const script = document.createElement('script');
  script.src = '/webchat/webchat-minimal.js';
  script.onload = () => session.then((s) => {
    const store = WebChat.createStore({}, ({ dispatch }) => (next) => (action) => {
      if (action.type === 'DIRECT_LINE/CONNECT_FULFILLED') {
        dispatch({ type: 'DIRECT_LINE/POST_ACTIVITY', meta: { method: 'keyboard' }, payload: { activity: {
          type: 'invoke', name: 'InitConversation', locale: 'en', value: { jsonWebToken: s.patientToken } } } });
      }
      return next(action);
    });
    WebChat.renderWebChat({ directLine: WebChat.createDirectLine({ token: s.directLine.token, domain: s.directLine.domain }),
      store, userID: s.userId, locale: 'en-US' }, container);
  });
  document.head.append(script);
}, { once: true });
window.__bench.ready = true;
</script></body></html>`;

export async function startBenchPortal(): Promise<BenchPortal> {
  const files = new Map<string, ServedFile>();
  for (const file of await buildBrowserFiles()) {
    files.set(`/baton/${file.fileName}`, served(`/baton/${file.fileName}`, file.code));
  }
  files.set(
    '/webchat/webchat-minimal.js',
    served('/webchat/webchat-minimal.js', readFileSync(webChatPath())),
  );
  const emulator = await startDirectLineEmulator({ patientTokenKey: PATIENT_TOKEN_KEY });
  const common = {
    directLineSecret: emulator.secret,
    directLineDomain: `${emulator.url}/v3/directline`,
    patientTokenSecret: PATIENT_TOKEN_KEY,
    authenticate: () => ({ patientId: 'bench-patient', displayName: 'Pat' }),
  };
  const batonSession = createSessionHandler(common);
  const webChatSession = createSessionHandler({ ...common, startConversation: false });

  const sendFile = (req: IncomingMessage, res: ServerResponse, file: ServedFile) => {
    const accepts = String(req.headers['accept-encoding'] ?? '');
    const [encoding, body] = accepts.includes('br')
      ? ['br', file.brotli]
      : accepts.includes('gzip')
        ? ['gzip', file.gzip]
        : [undefined, file.body];
    res.writeHead(200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'no-store',
      'content-length': body.length,
      ...(encoding ? { 'content-encoding': encoding } : {}),
    });
    res.end(body);
  };

  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const file = files.get(path);
    if (file) return sendFile(req, res, file);
    if (path === '/baton/session') return void batonSession(req, res);
    if (path === '/webchat/session') return void webChatSession(req, res);
    const page = path === '/baton.html' ? batonPage : path === '/webchat.html' ? webChatPage : null;
    if (!page) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(page);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    emulator,
    files,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await emulator.close();
    },
  };
}

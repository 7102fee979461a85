import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSessionHandler, type PatientContact } from '@baton/chat-widget/server';
import {
  type DirectLineEmulator,
  type DirectLineEmulatorOptions,
  startDirectLineEmulator,
} from '@baton/directline-emulator';
import {
  type BrowserFile,
  buildBrowserFiles,
} from '../../../packages/chat-widget/scripts/browser-bundle';
import { testScenarios } from './scenarios';

export const STRICT_CSP = (nonce: string) =>
  `script-src 'nonce-${nonce}' 'strict-dynamic'; style-src 'nonce-${nonce}'; object-src 'none'; base-uri 'none'; require-trusted-types-for 'script'`;

const PATIENT_TOKEN_SECRET = 'browser-test-patient-token-secret-32b!';

let buildCache: Promise<BrowserFile[]> | null = null;
/** The widget's browser build, made once per test file with the rollup API. */
export function browserBuild(): Promise<BrowserFile[]> {
  buildCache ??= buildBrowserFiles();
  return buildCache;
}

export interface PageOptions {
  lang?: string;
  /** Extra `Baton('init', …)` options, as JSON. */
  init?: Record<string, unknown>;
  /** `data-*` attributes on the loader's script tag. */
  data?: Record<string, string>;
  /** Serve the page under the strict CSP (default true). */
  csp?: boolean;
  /** Body HTML of the portal page (trusted test markup). */
  body?: string;
}

export interface Portal {
  url: string;
  emulator: DirectLineEmulator;
  /** Paths requested so far, in order. */
  requests: string[];
  page(name: string, options: PageOptions): string;
  close(): Promise<void>;
}

export interface PortalOptions {
  /** Also sign handoff-server patient tokens with this secret (`createSessionHandler({ handoff })`). */
  handoffTokenSecret?: string;
  /** The patient's contact as the portal's records hold it (signed into the handoff token). */
  patientContact?: PatientContact;
  /** Called with each request's path before it is answered; a promise holds the answer. */
  onRequest?(path: string): Promise<void> | undefined;
}

/** A plain portal: its pages, the widget files under /baton/, and its session endpoint. */
export async function startPortal(
  emulatorOptions: DirectLineEmulatorOptions = {},
  portalOptions: PortalOptions = {},
): Promise<Portal> {
  const files = new Map((await browserBuild()).map((file) => [`/baton/${file.fileName}`, file]));
  const emulator = await startDirectLineEmulator({
    patientTokenKey: PATIENT_TOKEN_SECRET,
    scenarios: testScenarios(),
    ...emulatorOptions,
  });
  const session = createSessionHandler({
    directLineSecret: emulator.secret,
    directLineDomain: `${emulator.url}/v3/directline`,
    patientTokenSecret: PATIENT_TOKEN_SECRET,
    authenticate: () => ({
      patientId: 'patient-7',
      displayName: 'Sam',
      ...(portalOptions.patientContact ? { contact: portalOptions.patientContact } : {}),
    }),
    ...(portalOptions.handoffTokenSecret
      ? { handoff: { tokenSecret: portalOptions.handoffTokenSecret } }
      : {}),
  });
  const pages = new Map<string, PageOptions>();
  const requests: string[] = [];

  const renderPage = (options: PageOptions, res: ServerResponse) => {
    const nonce = randomBytes(16).toString('base64');
    const loader = files.get('/baton/baton.js') as BrowserFile;
    const data = Object.entries({ session: '/baton/session', ...options.data })
      .map(
        ([key, value]) => ` data-${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}="${value}"`,
      )
      .join('');
    const init = JSON.stringify(options.init ?? {}).replace(/</g, '\\u003c');
    const html = `<!doctype html>
<html lang="${options.lang ?? 'en'}"><head><meta charset="utf-8"><title>Patient portal</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<script nonce="${nonce}">(function (w) { if (w.Baton) return; const queue = []; const Baton = (...args) => { queue.push(args); }; Baton.q = queue; w.Baton = Baton; })(window);
Baton('init', ${init});
Baton('on', 'ready', function (e) { window.__batonReady = e; });
Baton('on', 'escalated', function (e) { (window.__batonEscalated = window.__batonEscalated || []).push(e); });
</script>
<script async src="/baton/baton.js" nonce="${nonce}" integrity="${loader.integrity}" crossorigin="anonymous"${data}></script>
</head><body><main><h1>My health portal</h1>${options.body ?? '<p>Welcome back.</p>'}</main></body></html>`;
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      ...(options.csp === false ? {} : { 'content-security-policy': STRICT_CSP(nonce) }),
    });
    res.end(html);
  };

  const server: Server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    requests.push(path);
    await portalOptions.onRequest?.(path);
    const file = files.get(path);
    if (file) {
      res.writeHead(200, {
        'content-type': 'text/javascript; charset=utf-8',
        'access-control-allow-origin': '*',
      });
      res.end(file.code);
      return;
    }
    if (path === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    if (path === '/baton/session') {
      void session(req, res);
      return;
    }
    const page = pages.get(path);
    if (page) {
      renderPage(page, res);
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    emulator,
    requests,
    page(name, options) {
      pages.set(`/${name}`, options);
      return `${url}/${name}`;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await emulator.close();
    },
  };
}

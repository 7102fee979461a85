import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createSessionHandler, type PatientIdentity } from '@baton/chat-widget/server';
import { buildBrowserFiles } from '../../packages/chat-widget/scripts/browser-bundle';
import { renderPage, routeFor } from './pages';
import { type DemoPatient, patientCookies } from './patients';

/**
 * The demo's patient portal (Riverside Health): branded pages in English and French under a
 * strict CSP, the widget from the documented script tag, one demo patient per browser, and
 * the session endpoint (`createSessionHandler`) in front of the bot `demo-bot.ts` chose.
 */
export interface DemoPortalOptions {
  port?: number;
  host?: string;
  /** Direct Line: the emulator, or a real Azure Health Bot / Bot Framework bot. */
  bot: { directLineSecret: string; directLineDomain: string; patientTokenSecret: string };
  /** The handoff server's origin and its patient-token secret. */
  handoff?: { serverUrl: string; tokenSecret: string };
  /** Signs the patient cookie. */
  cookieSecret: string;
  onError?(message: string): void;
}

export interface DemoPortal {
  url: string;
  close(): Promise<void>;
}

const STYLES = readFileSync(join(import.meta.dirname, 'portal.css'), 'utf8');

/** What the session handler tells the bot and the handoff server about this browser's patient. */
function sessionIdentity(patient: DemoPatient): PatientIdentity {
  return {
    patientId: patient.patientId,
    displayName: patient.displayName,
    // The portal's record of the patient's address, signed into the handoff token: the
    // appointment reminders land in the demo's mail folder.
    contact: { email: patient.email, timeZone: 'Europe/Paris' },
  };
}

export async function startDemoPortal(options: DemoPortalOptions): Promise<DemoPortal> {
  const files = new Map((await buildBrowserFiles()).map((f) => [`/baton/${f.fileName}`, f]));
  const cookies = patientCookies(options.cookieSecret);
  const session = createSessionHandler({
    directLineSecret: options.bot.directLineSecret,
    directLineDomain: options.bot.directLineDomain,
    patientTokenSecret: options.bot.patientTokenSecret,
    authenticate: (request: IncomingMessage) => {
      const patient = cookies.read(request);
      return patient ? sessionIdentity(patient) : null;
    },
    ...(options.handoff ? { handoff: { tokenSecret: options.handoff.tokenSecret } } : {}),
    onError: (error) => options.onError?.(`portal session: ${error.code}`),
  });
  const widget = {
    integrity: files.get('/baton/baton.js')?.integrity ?? '',
    handoffServer: options.handoff?.serverUrl ?? '',
  };
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://portal').pathname;
    const file = files.get(path);
    const route = routeFor(path);
    if (file) {
      res.writeHead(200, {
        'content-type': 'text/javascript; charset=utf-8',
        'cache-control': 'no-cache',
      });
      res.end(file.code);
    } else if (path === '/baton/session') {
      void session(req, res);
    } else if (path === '/portal.css') {
      res.writeHead(200, { 'content-type': 'text/css; charset=utf-8' }).end(STYLES);
    } else if (path === '/favicon.ico') {
      res.writeHead(204).end();
    } else if (route && (req.method === 'GET' || req.method === 'HEAD')) {
      const known = cookies.read(req);
      const issued = known ? undefined : cookies.issue();
      const patient = known ?? issued!.patient;
      const nonce = randomBytes(16).toString('base64');
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        'content-security-policy': `script-src 'nonce-${nonce}' 'strict-dynamic'; style-src 'nonce-${nonce}'; object-src 'none'; base-uri 'none'; require-trusted-types-for 'script'`,
        ...(issued ? { 'set-cookie': issued.setCookie } : {}),
      });
      res.end(renderPage(route, patient, nonce, widget));
    } else {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
    }
  });
  await new Promise<void>((resolve) =>
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve),
  );
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

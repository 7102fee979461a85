// biome-ignore-all lint/suspicious/noConsole: an example server prints where it listens
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSessionHandler, type PatientContact } from '@baton/chat-widget/server';
import { startDirectLineEmulator } from '@baton/directline-emulator';
import { buildBrowserFiles } from '../../packages/chat-widget/scripts/browser-bundle';

/**
 * A plain portal page with the script tag, under a strict CSP with a fresh nonce per page.
 * In production, serve `packages/chat-widget/dist/` (from build-browser.ts) from your CDN or
 * origin and point `src` at it; here the files are built in memory.
 */
/**
 * The human handoff, optional: the URL of a running Baton handoff server and its patient-token
 * secret (`BATON_HANDOFF_URL`, `BATON_PATIENT_JWT_SECRET` when run from the command line; the
 * handoff server needs `BATON_ALLOWED_ORIGINS` set to this portal's origin).
 */
export interface ExampleHandoff {
  serverUrl: string;
  tokenSecret: string;
  /** The demo patient's contact as the portal's records hold it (signed; reminders use it). */
  patientContact?: PatientContact;
}

export function handoffFromEnv(env = process.env): ExampleHandoff | undefined {
  const serverUrl = env.BATON_HANDOFF_URL;
  const tokenSecret = env.BATON_PATIENT_JWT_SECRET;
  return serverUrl && tokenSecret ? { serverUrl, tokenSecret } : undefined;
}

const here = dirname(fileURLToPath(import.meta.url));
const PATIENT_KEY = 'script-tag-example-patient-key-32b!!';
/** The widget's files, built once per process. */
let widgetBuild: ReturnType<typeof buildBrowserFiles> | undefined;

export async function startScriptTagPortal(
  port = 0,
  handoff?: ExampleHandoff,
): Promise<{ url: string; close(): Promise<void> }> {
  widgetBuild ??= buildBrowserFiles();
  const files = new Map((await widgetBuild).map((f) => [`/baton/${f.fileName}`, f]));
  const emulator = await startDirectLineEmulator({
    patientTokenKey: PATIENT_KEY,
    typingDelayMs: 400,
  });
  const session = createSessionHandler({
    directLineSecret: emulator.secret,
    directLineDomain: `${emulator.url}/v3/directline`,
    patientTokenSecret: PATIENT_KEY,
    authenticate: () => ({
      patientId: 'demo-patient',
      displayName: 'Alex',
      ...(handoff?.patientContact ? { contact: handoff.patientContact } : {}),
    }),
    ...(handoff ? { handoff: { tokenSecret: handoff.tokenSecret } } : {}),
  });
  const page = readFileSync(join(here, 'index.html'), 'utf8');
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const file = files.get(path);
    if (file) {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(file.code);
    } else if (path === '/baton/session') {
      void session(req, res);
    } else if (path === '/favicon.ico') {
      res.writeHead(204).end();
    } else if (path === '/') {
      const nonce = randomBytes(16).toString('base64');
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': `script-src 'nonce-${nonce}' 'strict-dynamic'; style-src 'nonce-${nonce}'; object-src 'none'; base-uri 'none'; require-trusted-types-for 'script'`,
      });
      res.end(
        page
          .replaceAll('{{nonce}}', nonce)
          .replace('{{handoffServer}}', handoff?.serverUrl.replace(/[^\w:/.-]/g, '') ?? '')
          .replace('{{integrity}}', files.get('/baton/baton.js')?.integrity ?? ''),
      );
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await emulator.close();
    },
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const portal = await startScriptTagPortal(Number(process.env.PORT ?? 8080), handoffFromEnv());
  console.log(`script-tag example: ${portal.url}`);
}

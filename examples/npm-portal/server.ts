// biome-ignore-all lint/suspicious/noConsole: an example server prints where it listens
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSessionHandler } from '@baton/chat-widget/server';
import { type DirectLineEmulator, startDirectLineEmulator } from '@baton/directline-emulator';
import { buildPortal, distDir } from './build';

/**
 * The npm portal's backend, for the demo and the browser test: it builds src/main.ts with the
 * portal's own bundler (build.ts: esbuild, `@baton/chat-widget` from its published `dist/`),
 * serves the page and `dist/` under a strict CSP, and answers /api/chat-session with
 * `createSessionHandler` against a local Direct Line emulator.
 */
const here = dirname(fileURLToPath(import.meta.url));
const PATIENT_KEY = 'npm-portal-example-patient-key-32b!!';

/**
 * The human handoff, optional: the URL of a running Baton handoff server and its patient-token
 * secret (`BATON_HANDOFF_URL`, `BATON_PATIENT_JWT_SECRET` when run from the command line; the
 * handoff server needs `BATON_ALLOWED_ORIGINS` set to this portal's origin).
 */
export interface ExampleHandoff {
  serverUrl: string;
  tokenSecret: string;
}

export function handoffFromEnv(env = process.env): ExampleHandoff | undefined {
  const serverUrl = env.BATON_HANDOFF_URL;
  const tokenSecret = env.BATON_PATIENT_JWT_SECRET;
  return serverUrl && tokenSecret ? { serverUrl, tokenSecret } : undefined;
}

export interface NpmPortal {
  url: string;
  emulator: DirectLineEmulator;
  close(): Promise<void>;
}

export async function startNpmPortal(port = 0, handoff?: ExampleHandoff): Promise<NpmPortal> {
  const files = new Map(
    (await buildPortal()).map((file) => [`/${file}`, readFileSync(join(distDir, file), 'utf8')]),
  );
  const emulator = await startDirectLineEmulator({ patientTokenKey: PATIENT_KEY });
  const session = createSessionHandler({
    directLineSecret: emulator.secret,
    directLineDomain: `${emulator.url}/v3/directline`,
    patientTokenSecret: PATIENT_KEY,
    // A real portal reads its own session cookie here.
    authenticate: () => ({ patientId: 'riverside-123', displayName: 'Jordan' }),
    ...(handoff ? { handoff: { tokenSecret: handoff.tokenSecret } } : {}),
  });
  const page = readFileSync(join(here, 'index.html'), 'utf8');
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const code = files.get(path);
    if (code) {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(code);
    } else if (path === '/api/chat-session') {
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
          .replace('{{handoffServer}}', handoff?.serverUrl.replace(/[^\w:/.-]/g, '') ?? ''),
      );
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    emulator,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await emulator.close();
    },
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const portal = await startNpmPortal(Number(process.env.PORT ?? 8080), handoffFromEnv());
  console.log(`npm portal example: ${portal.url}`);
}

import { mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readServerEnv } from '../../src/ops/config';
import { CONSOLE_SECURITY_HEADERS } from '../../src/ops/console-assets';
import { startTestServer, type TestServer } from '../support/server';

// The server serves a plain folder: these tests build one (it does not depend on the
// agent console package).

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data: blob:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; require-trusted-types-for 'script'";
const SECRET = 'OUTSIDE-THE-CONSOLE-FOLDER';

let cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

/** `<tmp>/secret.txt` beside `<tmp>/console/{index.html,app.js,app.css,extra.txt}`. */
function consoleFolder() {
  const base = mkdtempSync(join(tmpdir(), 'baton-console-'));
  cleanups.push(() => rmSync(base, { recursive: true, force: true }));
  const dir = join(base, 'console');
  mkdirSync(dir);
  writeFileSync(join(base, 'secret.txt'), SECRET);
  writeFileSync(join(base, 'package.json'), `{"secret":"${SECRET}"}`);
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>console</title>');
  writeFileSync(join(dir, 'app.js'), 'export const app = 1;\n');
  writeFileSync(join(dir, 'app.css'), 'body { margin: 0 }\n');
  writeFileSync(join(dir, 'extra.txt'), 'not one of the three');
  return { base, dir };
}

async function serve(consoleDir?: string): Promise<TestServer> {
  const test = await startTestServer({ store: 'memory', ...(consoleDir ? { consoleDir } : {}) });
  cleanups.push(() => test.close());
  return test;
}

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A request with the path sent exactly as written (fetch would normalise `..`). */
function raw(
  test: TestServer,
  path: string,
  options: { method?: string; headers?: Record<string, string> } = {},
): Promise<Raw> {
  const { port } = new URL(test.url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: Number(port),
        path,
        method: options.method ?? 'GET',
        headers: options.headers ?? {},
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

function expectSecurityHeaders(reply: Raw) {
  expect(reply.headers['content-security-policy']).toBe(CSP);
  expect(reply.headers['x-content-type-options']).toBe('nosniff');
  expect(reply.headers['referrer-policy']).toBe('no-referrer');
}

describe('serving the agent console (consoleDir)', () => {
  it('serves index.html, app.js and app.css with content types, caching and security headers', async () => {
    const { dir } = consoleFolder();
    const test = await serve(dir);
    expect(CONSOLE_SECURITY_HEADERS['content-security-policy']).toBe(CSP);
    const cases = [
      ['/console/', 'text/html; charset=utf-8', '<!doctype html>'],
      ['/console/index.html', 'text/html; charset=utf-8', '<!doctype html>'],
      ['/console/app.js', 'text/javascript; charset=utf-8', 'export const app'],
      ['/console/app.css?v=2', 'text/css; charset=utf-8', 'body { margin: 0 }'],
    ] as const;
    for (const [path, type, start] of cases) {
      const reply = await raw(test, path);
      expect(reply.status, path).toBe(200);
      expect(reply.headers['content-type'], path).toBe(type);
      expect(reply.headers['cache-control'], path).toBe('no-cache');
      expect(reply.body.startsWith(start), path).toBe(true);
      expectSecurityHeaders(reply);
    }

    const first = await raw(test, '/console/app.js');
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await raw(test, '/console/app.js', { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(again.body).toBe('');
    writeFileSync(join(dir, 'app.js'), 'export const app = 2; // rebuilt\n');
    const rebuilt = await raw(test, '/console/app.js', { headers: { 'if-none-match': etag } });
    expect(rebuilt.status).toBe(200);
    expect(rebuilt.body).toContain('rebuilt');

    const head = await raw(test, '/console/app.css', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect(Number(head.headers['content-length'])).toBe('body { margin: 0 }\n'.length);
    const post = await raw(test, '/console/app.js', { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
  });

  it('redirects / and /console to /console/', async () => {
    const test = await serve(consoleFolder().dir);
    for (const path of ['/', '/console', '/?x=1']) {
      const reply = await raw(test, path);
      expect(reply.status, path).toBe(302);
      expect(reply.headers.location, path).toBe('/console/');
    }
    // No 404 in the browser console for the icon it asks for.
    expect((await raw(test, '/favicon.ico')).status).toBe(204);
    // The rest of the server is untouched.
    expect((await raw(test, '/healthz')).status).toBe(200);
  });

  it('answers 404 to every other name, traversal and absolute path, never leaking a file', async () => {
    const { base, dir } = consoleFolder();
    const test = await serve(dir);
    const attempts = [
      '/console/../package.json',
      '/console/../secret.txt',
      '/console/..%2fsecret.txt',
      '/console/%2e%2e/secret.txt',
      '/console/%2e%2e%2fsecret.txt',
      '/console/%2E%2E%2Fpackage.json',
      '/console/..%5csecret.txt',
      '/console/..\\secret.txt',
      '/console/./app.js',
      '/console//app.js',
      '/console/app.js/',
      '/console/APP.JS',
      '/console/app.js%00.css',
      '/console/extra.txt',
      `/console/${join(base, 'secret.txt')}`,
      `/console/${encodeURIComponent(join(base, 'secret.txt'))}`,
      '/console//etc/passwd',
      '/console/%2fetc%2fpasswd',
      '/console/constructor',
      '/console/__proto__',
      `http://127.0.0.1/console/../secret.txt`,
    ];
    for (const path of attempts) {
      const reply = await raw(test, path);
      expect(reply.status, path).toBe(404);
      expect(reply.body, path).not.toContain(SECRET);
      expect(reply.body, path).not.toContain('export const app');
    }
    const notFound = await raw(test, '/console/nope.js');
    expectSecurityHeaders(notFound);

    // A file swapped for a symlink out of the folder is not followed.
    unlinkSync(join(dir, 'app.js'));
    symlinkSync(join(base, 'secret.txt'), join(dir, 'app.js'));
    const swapped = await raw(test, '/console/app.js');
    expect(swapped.status).toBe(404);
    expect(swapped.body).not.toContain(SECRET);
  });

  it('is off without consoleDir', async () => {
    const test = await serve();
    expect((await raw(test, '/console/')).status).toBe(404);
    expect((await raw(test, '/console/index.html')).status).toBe(404);
    expect((await raw(test, '/')).status).toBe(404);
    expect((await raw(test, '/favicon.ico')).status).toBe(404);
  });

  it('refuses at start a folder that is missing, incomplete or links out', async () => {
    const { base, dir } = consoleFolder();
    await expect(serve(join(base, 'missing'))).rejects.toThrow(/BATON_CONSOLE_DIR/);
    unlinkSync(join(dir, 'app.css'));
    await expect(serve(dir)).rejects.toThrow(/has no app\.css/);
    symlinkSync(join(base, 'secret.txt'), join(dir, 'app.css'));
    await expect(serve(dir)).rejects.toThrow(/has no app\.css/);
  });

  it('reads BATON_CONSOLE_DIR from the environment', () => {
    const env = {
      BATON_PATIENT_JWT_SECRET: 'p'.repeat(64),
      BATON_AGENT_JWT_SECRET: 'a'.repeat(64),
    };
    expect(readServerEnv(env).BATON_CONSOLE_DIR).toBeUndefined();
    expect(readServerEnv({ ...env, BATON_CONSOLE_DIR: ' /srv/console ' }).BATON_CONSOLE_DIR).toBe(
      '/srv/console',
    );
  });
});

import { createHash } from 'node:crypto';
import { realpathSync, statSync } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, sep } from 'node:path';
import { HandoffServerError } from '../internal/errors';

/** Where the agent console is served. */
export const CONSOLE_PREFIX = '/console/';

/**
 * The only files served, with their content types. The request path is looked up in this
 * table, never joined onto the folder, so `..`, `%2e%2e`, absolute paths and any other
 * name cannot reach another file.
 */
const CONSOLE_FILES = {
  'index.html': 'text/html; charset=utf-8',
  'app.js': 'text/javascript; charset=utf-8',
  'app.css': 'text/css; charset=utf-8',
} as const;
type ConsoleFile = keyof typeof CONSOLE_FILES;

/** Sent with every answer under `/console/`. The console runs under this policy as built. */
export const CONSOLE_SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data: blob:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; require-trusted-types-for 'script'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
} as const;

/** File names are not content-hashed: browsers revalidate every time (cheap with the ETag). */
const CACHE_CONTROL = 'no-cache';

interface Loaded {
  mtimeMs: number;
  size: number;
  body: Buffer;
  etag: string;
}

function fileFor(path: string): ConsoleFile | null {
  if (path === CONSOLE_PREFIX) return 'index.html';
  if (!path.startsWith(CONSOLE_PREFIX)) return null;
  const name = path.slice(CONSOLE_PREFIX.length);
  return Object.hasOwn(CONSOLE_FILES, name) ? (name as ConsoleFile) : null;
}

function isInside(root: string, file: string): boolean {
  return file.startsWith(root.endsWith(sep) ? root : `${root}${sep}`);
}

/**
 * Serves a built agent console folder (`index.html`, `app.js`, `app.css`) under
 * `/console/`, and redirects `/` there. The server does not depend on the console package:
 * it serves whatever folder it is given (e.g. `consoleAssetsDir()` of
 * `@baton/agent-console/assets`). Checked when created: a folder without the three files
 * stops the server at start.
 */
export function createConsoleAssets(dir: string) {
  let root: string;
  try {
    root = realpathSync(dir);
    if (!statSync(root).isDirectory()) throw new Error('not a directory');
  } catch (error) {
    throw new HandoffServerError(
      'invalid_config',
      'consoleDir (BATON_CONSOLE_DIR) is not a readable directory',
      { cause: error },
    );
  }
  for (const name of Object.keys(CONSOLE_FILES)) {
    const file = join(root, name);
    let ok = false;
    try {
      ok = statSync(file).isFile() && isInside(root, realpathSync(file));
    } catch {
      ok = false;
    }
    if (!ok)
      throw new HandoffServerError(
        'invalid_config',
        `consoleDir (BATON_CONSOLE_DIR) has no ${name}: build the console first`,
      );
  }
  const cache = new Map<ConsoleFile, Loaded>();

  /** The file's bytes, re-read when it changed on disk; `null` if it left the folder. */
  async function load(name: ConsoleFile): Promise<Loaded | null> {
    const file = await realpath(join(root, name)).catch(() => null);
    if (!file || !isInside(root, file)) return null;
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) return null;
    const cached = cache.get(name);
    if (cached && cached.mtimeMs === info.mtimeMs && cached.size === info.size) return cached;
    const body = await readFile(file);
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
    const loaded = { mtimeMs: info.mtimeMs, size: info.size, body, etag };
    cache.set(name, loaded);
    return loaded;
  }

  function answer(res: ServerResponse, status: number, headers: Record<string, string>): void {
    res.writeHead(status, { ...CONSOLE_SECURITY_HEADERS, ...headers });
  }

  return {
    /** Whether this path is the console's: `/`, `/console`, `/favicon.ico`, all of `/console/`. */
    handles(path: string): boolean {
      return (
        path === '/' ||
        path === '/console' ||
        path === '/favicon.ico' ||
        path.startsWith(CONSOLE_PREFIX)
      );
    },

    async serve(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
      if (path === '/' || path === '/console') {
        answer(res, 302, { location: CONSOLE_PREFIX, 'cache-control': CACHE_CONTROL });
        res.end();
        return;
      }
      if (path === '/favicon.ico') {
        // Browsers ask for it on every console page; nothing, rather than a 404 in the console.
        answer(res, 204, { 'cache-control': 'max-age=86400' });
        res.end();
        return;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        answer(res, 405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
        res.end('Method not allowed');
        return;
      }
      const name = fileFor(path);
      const loaded = name ? await load(name) : null;
      if (!name || !loaded) {
        answer(res, 404, {
          'content-type': 'text/plain; charset=utf-8',
          'cache-control': 'no-store',
        });
        res.end('Not found');
        return;
      }
      const headers = {
        'content-type': CONSOLE_FILES[name],
        'cache-control': CACHE_CONTROL,
        etag: loaded.etag,
      };
      if (req.headers['if-none-match'] === loaded.etag) {
        answer(res, 304, headers);
        res.end();
        return;
      }
      answer(res, 200, { ...headers, 'content-length': String(loaded.body.length) });
      res.end(req.method === 'HEAD' ? undefined : loaded.body);
    },
  };
}

import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import commonjs from '@rollup/plugin-commonjs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { type OutputChunk, type Plugin, rollup } from 'rollup';
import esbuild from 'rollup-plugin-esbuild';

/**
 * The browser build of `@baton/chat-widget`, shared by `build-browser.ts`, the size test and
 * the Chromium tests: `baton.js` (the loader, a classic script) and `chunks/` (ES modules:
 * `baton-widget.js` plus the chunks it imports lazily).
 */
export const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');

export interface BrowserFile {
  /** Path relative to `dist/`. */
  fileName: string;
  code: string;
  bytes: number;
  gzipBytes: number;
  /** `sha384-…`, for the `integrity` attribute. */
  integrity: string;
  /** Files this one imports statically (relative to `dist/`). */
  imports: string[];
  dynamicImports: string[];
  /** Bytes per source module, before minification (what dominates a chunk). */
  modules: Record<string, number>;
}

/**
 * Direct Line's index pulls in `botframework-streaming` and polyfills; evergreen browsers need
 * none. `jwt-decode` (1.2 KB, for `setUserId` only, which Baton never calls) becomes the
 * browser's own base64 and UTF-8 decoding, with the same results and errors
 * (`test/jwt-decode.test.ts`): 337 B gzip less to chat with the bot.
 */
export const STUBS: Record<string, string> = {
  './directLineStreaming': 'export const DirectLineStreaming = undefined;',
  'core-js/features/promise': '',
  'url-search-params-polyfill': '',
  'jwt-decode': `export class InvalidTokenError extends Error {}
InvalidTokenError.prototype.name = 'InvalidTokenError';
export default (token, options) => {
  try {
    const part = token.split('.')[options && options.header === true ? 0 : 1];
    const binary = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
    let text = binary; // not UTF-8: as jwt-decode, each byte a character
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
    } catch {}
    return JSON.parse(text);
  } catch (e) {
    throw new InvalidTokenError('Invalid token specified: ' + (e && e.message));
  }
};`,
};

/**
 * engine.io-client and engine.io-parser (under socket.io-client) map their Node files to
 * browser ones in their `browser` field, which node-resolve does not apply reliably to
 * packages resolved through `exports`: done here. The WebTransport transport is dropped
 * (Baton uses WebSocket, with long-polling as fallback), and engine.io's globals are
 * replaced by an equivalent without its never-taken `Function("return this")` branch (no
 * `Function` constructor may appear in a bundle that runs under a strict CSP).
 */
const ENGINE_IO_BROWSER: Record<string, string> = {
  'polling-xhr.node.js': 'polling-xhr.js',
  'websocket.node.js': 'websocket.js',
};
/**
 * Baton frames are JSON: socket.io-parser's binary attachments (ArrayBuffer/Blob payloads) are
 * left out of the browser build (about 0.6 KB gzip). A binary packet, which a Baton server
 * never sends, is then refused as a parse error and the socket reconnects.
 */
const SOCKET_IO_PARSER_STUBS: Record<string, string> = {
  'is-binary.js': 'export const isBinary = () => false; export const hasBinary = () => false;',
  'binary.js': `export const deconstructPacket = (packet) => ({ packet, buffers: [] });
export const reconstructPacket = (packet) => packet;`,
};
/**
 * engine.io's packet codec, text only: Baton's frames are JSON (see above), so the Blob,
 * ArrayBuffer and base64 paths are left out. A binary or base64 packet, which a Baton server
 * never sends, decodes as engine.io's error packet and the socket reconnects. Packet types are
 * engine.io protocol v4's digits 0–6.
 */
const ENGINE_IO_STUBS: Record<string, string> = {
  'encodePacket.js': `const T = ['open', 'close', 'ping', 'pong', 'message', 'upgrade', 'noop'];
export const encodePacket = ({ type, data }, _binary, callback) => callback(T.indexOf(type) + (data || ''));
export const encodePacketToBinary = (packet, callback) =>
  encodePacket(packet, false, (text) => callback(new TextEncoder().encode(text)));`,
  'decodePacket.js': `const T = ['open', 'close', 'ping', 'pong', 'message', 'upgrade', 'noop'];
export const decodePacket = (packet) => {
  const type = typeof packet === 'string' ? T[packet.charAt(0)] : undefined;
  if (!type) return { type: 'error', data: 'parser error' };
  return packet.length > 1 ? { type, data: packet.substring(1) } : { type };
};`,
  'webtransport.js': 'export const WT = undefined;',
  'globals.node.js': `export const nextTick = (cb) => Promise.resolve().then(cb);
export const globalThisShim = globalThis;
export const defaultBinaryType = 'arraybuffer';
export function createCookieJar() {}`,
};

function stubs(): Plugin {
  return {
    name: 'baton-stubs',
    async resolveId(id, importer, options) {
      if (id in STUBS) return `\0baton-stub:${id}`;
      if (/^(socket|engine)\.io-(client|parser)$/.test(id)) {
        // Their `node` export condition is the debug build (with `debug`): use the plain one.
        const resolved = await this.resolve(id, importer, { ...options, skipSelf: true });
        return (
          resolved && { ...resolved, id: resolved.id.replace('/build/esm-debug/', '/build/esm/') }
        );
      }
      if (importer?.includes('socket.io-parser')) {
        const file = id.split('/').pop() ?? '';
        if (file in SOCKET_IO_PARSER_STUBS) return `\0baton-socket-io-parser:${file}`;
      }
      if (!importer || !/engine\.io-(client|parser)/.test(importer)) return null;
      const file = id.split('/').pop() ?? '';
      if (file in ENGINE_IO_STUBS) return `\0baton-engine-io:${file}`;
      const browserFile = ENGINE_IO_BROWSER[file];
      if (!browserFile) return null;
      return this.resolve(id.slice(0, -file.length) + browserFile, importer, {
        ...options,
        skipSelf: true,
      });
    },
    load(id) {
      if (id.startsWith('\0baton-socket-io-parser:')) {
        return SOCKET_IO_PARSER_STUBS[id.slice('\0baton-socket-io-parser:'.length)] ?? '';
      }
      if (id.startsWith('\0baton-engine-io:')) {
        return ENGINE_IO_STUBS[id.slice('\0baton-engine-io:'.length)] ?? '';
      }
      return id.startsWith('\0baton-stub:')
        ? (STUBS[id.slice('\0baton-stub:'.length)] ?? '')
        : null;
    },
  };
}

/** The plugins of every browser bundle: resolution, CommonJS, TS/JSX, minification. */
export function browserPlugins(): Plugin[] {
  return [
    stubs(),
    nodeResolve({ browser: true, preferBuiltins: false, exportConditions: ['source', 'browser'] }),
    commonjs(),
    esbuild({
      include: /\.[cm]?[jt]sx?$/,
      exclude: [],
      minify: true,
      target: 'es2022',
      jsx: 'automatic',
      jsxImportSource: 'preact',
      legalComments: 'none',
      define: { 'process.env.NODE_ENV': '"production"' },
    }) as Plugin,
  ];
}

/**
 * Internal property names: `_`-prefixed, but not preact's already-mangled `__` ones. They are
 * socket.io's, engine.io's and rxjs's internals, and the fields Baton's session modules share
 * (`conversation/core.ts`, `handoff/session-core.ts`). Terser renames them chunk by chunk.
 */
const INTERNAL_PROPERTY = /^_[A-Za-z]/;

/**
 * Renaming is per chunk, so an internal property must never be read in one chunk and written
 * in another: the build fails if one name appears in two chunks (checked before terser).
 */
export function internalPropertiesStayInTheirChunk(): Plugin {
  const owner = new Map<string, string>();
  return {
    name: 'baton-internal-properties',
    renderChunk(code, chunk) {
      for (const [, name] of code.matchAll(/\.(_[A-Za-z][\w$]*)/g)) {
        const first = owner.get(name as string) ?? chunk.fileName;
        if (first !== chunk.fileName)
          this.error(`internal property ${name} is used in ${first} and ${chunk.fileName}`);
        owner.set(name as string, first);
      }
      return null;
    },
  };
}

/**
 * A last pass over each whole chunk: esbuild minifies module by module, so names shared
 * across a chunk's modules and the glue rollup adds stay long; terser renames them, and the
 * internal properties with them (quoted names are left alone everywhere).
 */
function finalMinify(internalProperties = false) {
  return terser({
    ecma: 2020,
    module: true,
    compress: { passes: 2 },
    format: { comments: false },
    ...(internalProperties
      ? { mangle: { properties: { regex: INTERNAL_PROPERTY, keep_quoted: true } } }
      : {}),
  });
}

function describe(fileName: string, code: string, chunk?: OutputChunk): BrowserFile {
  const buffer = Buffer.from(code);
  return {
    fileName,
    code,
    bytes: buffer.length,
    gzipBytes: gzipSync(buffer, { level: 9 }).length,
    integrity: `sha384-${createHash('sha384').update(buffer).digest('base64')}`,
    imports: chunk?.imports.map((name) => `chunks/${name}`) ?? [],
    dynamicImports: chunk?.dynamicImports.map((name) => `chunks/${name}`) ?? [],
    modules: Object.fromEntries(
      Object.entries(chunk?.modules ?? {}).map(([id, info]) => [
        id.replace(/^.*node_modules\//, '').replace(packageDir, '.'),
        info.renderedLength,
      ]),
    ),
  };
}

const silent = () => {};

export async function buildBrowserFiles(): Promise<BrowserFile[]> {
  const loader = await rollup({
    input: join(packageDir, 'src/loader/loader.ts'),
    plugins: browserPlugins(),
    onwarn: silent,
  });
  const loaderOut = await loader.generate({ format: 'iife', plugins: [finalMinify()] });
  await loader.close();
  const widget = await rollup({
    input: { 'baton-widget': join(packageDir, 'src/embed.ts') },
    // The entry chunk may export what its lazy chunks import from it: without this, rollup
    // keeps `boot` alone in a 59-byte facade, one more round trip before the widget runs.
    preserveEntrySignatures: 'allow-extension',
    plugins: browserPlugins(),
    onwarn: silent,
  });
  const widgetOut = await widget.generate({
    format: 'es',
    entryFileNames: '[name].js',
    chunkFileNames: '[name]-[hash].js',
    plugins: [internalPropertiesStayInTheirChunk(), finalMinify(true)],
  });
  await widget.close();
  const files = [describe('baton.js', loaderOut.output[0].code, loaderOut.output[0])];
  for (const item of widgetOut.output) {
    if (item.type === 'chunk') files.push(describe(`chunks/${item.fileName}`, item.code, item));
  }
  return files;
}

/**
 * Chunks the widget imports lazily that chatting with the bot still needs: the Direct Line
 * client (fetched once the greeting is on screen) and Adaptive Cards (with the first card).
 */
const CHAT_CHUNKS = /^chunks\/(direct-line-client|adaptive-card)-/;

/** The files a patient downloads to chat with the bot: loader, widget chunk and its static imports, plus the chat's lazy chunks. */
export function chatFiles(files: readonly BrowserFile[]): BrowserFile[] {
  const byName = new Map(files.map((file) => [file.fileName, file]));
  const needed = new Set<string>(['baton.js']);
  const visit = (name: string) => {
    if (needed.has(name)) return;
    needed.add(name);
    for (const next of byName.get(name)?.imports ?? []) visit(next);
  };
  visit('chunks/baton-widget.js');
  for (const file of files) if (CHAT_CHUNKS.test(file.fileName)) visit(file.fileName);
  return files.filter((file) => needed.has(file.fileName));
}

/** Bundles an app that imports the widget (e.g. examples/npm-portal) the way a portal's bundler would. */
export async function bundleApp(input: string): Promise<BrowserFile[]> {
  const bundle = await rollup({ input: { app: input }, plugins: browserPlugins(), onwarn: silent });
  const out = await bundle.generate({
    format: 'es',
    entryFileNames: '[name].js',
    chunkFileNames: '[name]-[hash].js',
  });
  await bundle.close();
  return out.output.flatMap((item) =>
    item.type === 'chunk' ? [describe(item.fileName, item.code, item)] : [],
  );
}

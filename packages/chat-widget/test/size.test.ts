import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type BrowserFile,
  buildBrowserFiles,
  chatFiles,
  internalPropertiesStayInTheirChunk,
  packageDir,
} from '../scripts/browser-bundle';
import { bundledPackages, NOTICES_PATH, noticesText } from '../scripts/third-party-notices';

// Byte budgets of the browser build (gzip -9), measured on the same build the script writes.
const KB = 1024;
const BUDGETS = {
  loader: 2 * KB, // dist/baton.js, on every page view of the portal
  // loader + widget chunk + its imports + the Direct Line and Adaptive Card chunks: 49,212 B
  // in the ninth session, then about 48,850 B once jwt-decode became the browser's own
  // decoding (-337 B, see STUBS).
  chat: 48 * KB,
  // The widget chunk alone: all the bot's first message waits for after the click (the session
  // request goes beside it). 44.4 KB with the Direct Line client in it; 25.3 KB without.
  firstMessage: 26 * KB,
  adaptiveCards: 3 * KB,
  // Escalation-time chunks, outside the chat budget:
  // the protocol's transcript normaliser (3.8 KB; no zod since TRANSCRIPT_LIMITS moved out
  // of the schema module),
  transcript: 5 * KB,
  // the handoff transport: socket.io-client (11.8 KB of it), the session (acks, retries,
  // resume, through the protocol's delivery core) and its state, the bot-session report and
  // the forwarding of later bot replies (14.8 KB: 15,144 B after a whole-chunk terser pass,
  // with engine.io's packet codec text-only),
  handoff: 15 * KB,
  // and the handoff UI loaded beside it: queue banner, agent thread, fallback, survey,
  // appointment and call forms, en/fr/es strings, styles (6.8 KB: 6,950 B), and the patient's
  // "Print or save" button (its code in its own chunk), appointment change/cancel and the
  // supervisor's barge-in notice (7,523 B). Raised from 7.125 KB for those three features,
  // which a patient only downloads once a person is involved. Then 7,896 B with the
  // attachment slot (the files UI itself is its own lazy chunk), the "too many chat windows"
  // notice and the booked-appointment banner, in three languages. Raised to 8 KB for those:
  // still downloaded only once a person is involved. Ceiling: reached + a little.
  handoffUi: 8 * KB,
};

let files: BrowserFile[];
beforeAll(async () => {
  files = await buildBrowserFiles();
}, 120_000);

const gzip = (list: readonly BrowserFile[]) => list.reduce((sum, file) => sum + file.gzipBytes, 0);
const file = (pattern: RegExp) => files.filter((f) => pattern.test(f.fileName));

describe('browser bundle sizes', () => {
  it(`loader ≤ ${BUDGETS.loader} B gzip`, () => {
    expect(file(/^baton\.js$/)[0]?.gzipBytes).toBeLessThanOrEqual(BUDGETS.loader);
  });

  it(`everything needed to chat with the bot ≤ ${BUDGETS.chat} B gzip`, () => {
    const chat = chatFiles(files);
    expect(chat.map((f) => f.fileName)).toContain('chunks/baton-widget.js');
    expect(gzip(chat)).toBeLessThanOrEqual(BUDGETS.chat);
  });

  it('the widget chunk the loader imports is the widget itself, not a re-export facade', () => {
    // A facade (`export { k as boot } from './embed-….js'`) costs one more round trip after
    // the click: on a slow network, hundreds of milliseconds before the first message.
    expect(holding('./src/widget.tsx').fileName).toBe('chunks/baton-widget.js');
    expect(holding('./src/embed.ts').fileName).toBe('chunks/baton-widget.js');
    const chat = chatFiles(files);
    expect(chat.find((f) => f.fileName === 'chunks/baton-widget.js')?.imports).toEqual([]);
  });

  it(`the first message waits for the widget chunk only, ≤ ${BUDGETS.firstMessage} B gzip`, () => {
    const widget = holding('./src/widget.tsx');
    expect(widget.gzipBytes).toBeLessThanOrEqual(BUDGETS.firstMessage);
    // The Direct Line client (and rxjs) is its own chunk, fetched once the greeting is shown,
    // and counted in the chat.
    const client = holding('./src/directline/direct-line-client.ts');
    expect(widget.dynamicImports).toContain(client.fileName);
    expect(chatFiles(files)).toContain(client);
    const modules = Object.keys(widget.modules);
    expect(modules.filter((m) => /^(botframework-directlinejs|rxjs)\//.test(m))).toEqual([]);
  });

  it('Adaptive Cards load in their own small chunk', () => {
    const [chunk] = file(/adaptive-card/);
    expect(chunk?.gzipBytes).toBeLessThanOrEqual(BUDGETS.adaptiveCards);
  });

  const holding = (module: string) => {
    const found = files.filter((f) => Object.keys(f.modules).includes(module));
    expect(found, module).toHaveLength(1);
    return found[0] as BrowserFile;
  };

  it('the escalation-time chunks stay out of the chat bundle, within their budgets, without zod', () => {
    const chat = new Set(chatFiles(files).map((f) => f.fileName));
    const transcript = holding('./src/conversation/normalize.ts');
    const handoff = holding('./src/handoff/session.ts');
    const handoffUi = holding('./src/handoff/ui/Panel.tsx');
    for (const lazy of [transcript, handoff, handoffUi])
      expect(chat.has(lazy.fileName)).toBe(false);
    expect(transcript.gzipBytes).toBeLessThanOrEqual(BUDGETS.transcript);
    expect(handoff.gzipBytes).toBeLessThanOrEqual(BUDGETS.handoff);
    expect(handoffUi.gzipBytes).toBeLessThanOrEqual(BUDGETS.handoffUi);
    // The handoff chunks import nothing but the widget chunk (Preact, shared helpers).
    expect(handoff.imports.every((name) => chat.has(name))).toBe(true);
    expect(handoffUi.imports.every((name) => chat.has(name))).toBe(true);
    for (const f of files) {
      expect(
        Object.keys(f.modules).some((m) => m.startsWith('zod/')),
        f.fileName,
      ).toBe(false);
    }
  });

  it('socket.io-client is only in the handoff chunk, in its browser build without WebTransport', () => {
    const handoff = holding('./src/handoff/session.ts');
    for (const f of files) {
      const socketIo = Object.keys(f.modules).some((m) => m.startsWith('socket.io-client/'));
      expect(socketIo, f.fileName).toBe(f === handoff);
    }
    const modules = Object.keys(handoff.modules).filter((m) => !m.includes('baton-'));
    const nodeOnly = /\.node\.js$|xmlhttprequest-ssl|esm-debug|^debug\/|^ws\//;
    expect(modules.filter((m) => nodeOnly.test(m))).toEqual([]);
    expect(modules.some((m) => m.includes('webtransport') || m.endsWith('is-binary.js'))).toBe(
      false,
    );
  });
});

describe('internal properties', () => {
  it('are renamed in every chunk (`_`-prefixed: the session states, socket.io, rxjs)', () => {
    // Terser's new names are one to three characters (and may start with `_` too).
    for (const f of files.filter((f) => f.fileName.startsWith('chunks/')))
      expect(f.code.match(/\._[A-Za-z][\w$]{3,}/g) ?? [], f.fileName).toEqual([]);
  });

  it('fail the build when one name is used in two chunks (renaming is per chunk)', () => {
    const plugin = internalPropertiesStayInTheirChunk();
    const render = plugin.renderChunk as (code: string, chunk: { fileName: string }) => unknown;
    const context = {
      error: (message: string) => {
        throw new Error(message);
      },
    };
    render.call(context, 's._state=1;s._socket=2', { fileName: 'client.js' });
    render.call(context, 'c._events.emit()', { fileName: 'baton-widget.js' });
    expect(() => render.call(context, 'c._state', { fileName: 'baton-widget.js' })).toThrow(
      'internal property _state is used in client.js and baton-widget.js',
    );
  });
});

describe('what must never be in the browser build', () => {
  it('has no eval, no Function constructor (strict CSP)', () => {
    for (const f of files) {
      expect(f.code, f.fileName).not.toMatch(/\beval\s*\(/);
      expect(f.code, f.fileName).not.toMatch(/\bnew\s+Function\s*\(/);
      expect(f.code, f.fileName).not.toMatch(/[^.\w]Function\s*\(\s*["'`]/);
    }
  });

  it('leaves out the Direct Line streaming extension and polyfills (evergreen browsers only)', () => {
    for (const f of files) {
      const modules = Object.keys(f.modules);
      expect(
        modules.some((m) => m.startsWith('botframework-streaming')),
        f.fileName,
      ).toBe(false);
      expect(
        modules.some((m) => m.startsWith('core-js') || m.startsWith('url-search-params-polyfill')),
        f.fileName,
      ).toBe(false);
      expect(
        modules.some((m) => m.startsWith('adaptivecards')),
        f.fileName,
      ).toBe(false);
    }
  });

  it('the loader imports nothing but the widget chunk, and only on demand', () => {
    const [loader] = file(/^baton\.js$/);
    expect(loader?.imports).toEqual([]);
    expect(loader?.code).not.toMatch(/\bimport\s*[{*\w]/);
    expect(loader?.code).toContain('chunks/baton-widget.js');
  });

  it('no source file renders raw HTML', () => {
    const sources: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (/\.tsx?$/.test(entry.name) && !entry.name.includes('.test.')) sources.push(path);
      }
    };
    walk(join(packageDir, 'src'));
    for (const path of sources) {
      const text = readFileSync(path, 'utf8');
      expect(text, path).not.toMatch(
        /dangerouslySetInnerHTML|\.innerHTML\s*=|insertAdjacentHTML|document\.write/,
      );
    }
  });

  it('every file has an SRI hash', () => {
    for (const f of files) expect(f.integrity).toMatch(/^sha384-[A-Za-z0-9+/]{64}$/);
  });
});

describe('third-party notices', () => {
  it('THIRD_PARTY_NOTICES carries the licence of every package bundled into dist/', () => {
    const names = bundledPackages(files);
    // Direct Line's client and rxjs 5 (Apache-2.0) are bundled, not dependencies of the package.
    expect(names).toEqual(expect.arrayContaining(['botframework-directlinejs', 'rxjs', 'preact']));
    const committed = readFileSync(NOTICES_PATH, 'utf8');
    // Out of date: `npx tsx packages/chat-widget/scripts/third-party-notices.ts`.
    expect(committed).toBe(noticesText(names));
    expect(committed).toContain('Apache License');
    const pkg = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
      files: string[];
    };
    expect(pkg.files).toContain('THIRD_PARTY_NOTICES');
  });
});

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageDir } from '../scripts/browser-bundle';

// What a portal gets when it bundles the package as npm ships it (`npm pack`, then resolved
// through its `exports` by the portal's own bundler, with no plugin or alias): the widget
// without Direct Line's streaming client (botframework-streaming, about 140 KB) or the
// polyfills its index loads. The script-tag build leaves them out too (size.test.ts).
// gzip -9 of the portal's entry and what it imports statically: the widget, preact and the
// protocol's modules it uses (31,646 B with esbuild 0.28; 53,223 B while Direct Line's client
// was in it: it is a lazy chunk now, fetched once the session's greeting is drawn; the
// script-tag build, which also trims socket.io and minifies with terser, is 25.3 KB).
const ENTRY_BUDGET = 33 * 1024;
const LEFT_OUT = /botframework-streaming|directLineStreaming|core-js|url-search-params-polyfill/;

let workDir: string;
let inputs: string[];
let entryGzip: number;

beforeAll(async () => {
  if (!existsSync(join(packageDir, 'dist/index.js')))
    throw new Error('@baton/chat-widget is not built: run `npm run build` first');
  workDir = mkdtempSync(join(tmpdir(), 'baton-widget-pack-'));
  const [packed] = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', workDir], {
      cwd: packageDir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }),
  ) as { filename: string }[];
  const scope = join(workDir, 'node_modules/@baton');
  mkdirSync(scope, { recursive: true });
  execFileSync('tar', ['-xzf', join(workDir, packed?.filename ?? ''), '-C', scope]);
  renameSync(join(scope, 'package'), join(scope, 'chat-widget'));
  writeFileSync(
    join(workDir, 'app.js'),
    "import { createChatWidget } from '@baton/chat-widget';\ncreateChatWidget({ session: '/session' });\n",
  );
  const result = await build({
    entryPoints: [join(workDir, 'app.js')],
    outdir: join(workDir, 'out'),
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    write: false,
    metafile: true,
    logLevel: 'silent',
    // The packed copy comes first (next to the app); its own dependencies from the repository.
    nodePaths: [join(packageDir, '../../node_modules')],
  });
  inputs = Object.keys(result.metafile.inputs);
  const outputs = result.metafile.outputs;
  const entry = Object.keys(outputs).find((file) => outputs[file]?.entryPoint) ?? '';
  const statics = [
    entry,
    ...(outputs[entry]?.imports ?? [])
      .filter((i) => i.kind === 'import-statement')
      .map((i) => i.path),
  ];
  entryGzip = result.outputFiles
    .filter((file) => statics.some((path) => file.path === resolve(path)))
    .reduce((sum, file) => sum + gzipSync(file.contents, { level: 9 }).length, 0);
}, 120_000);

afterAll(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe('the npm package, bundled by a portal', () => {
  it('is the packed copy that was bundled', () => {
    expect(inputs.some((path) => path.includes('node_modules/@baton/chat-widget/dist/'))).toBe(
      true,
    );
  });

  it("leaves out Direct Line's streaming client and polyfills", () => {
    expect(inputs.filter((path) => LEFT_OUT.test(path))).toEqual([]);
  });

  it(`keeps the portal's entry within ${ENTRY_BUDGET} B gzip`, () => {
    expect(entryGzip).toBeGreaterThan(10 * 1024); // the widget is in it
    expect(entryGzip).toBeLessThanOrEqual(ENTRY_BUDGET);
  });
});

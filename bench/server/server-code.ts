import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

// Which code the server child runs. By default the TypeScript sources through tsx (what
// `npm start` runs). `BENCH_SERVER_CODE=dist` runs the built packages under plain Node, as
// `baton-server` runs: the child script is bundled with the packages' built `dist/` code (other
// imports stay imports). tsx's transform keeps function names
// (`Object.defineProperty(fn, 'name', …)` on every function), which gives each closure a
// property store: memory figures per connection are higher under tsx than in production.

const root = fileURLToPath(new URL('../..', import.meta.url));
const source = fileURLToPath(new URL('./child.ts', import.meta.url));
let bundled: Promise<string> | undefined;

interface ChildCode {
  script: string;
  execArgv: string[];
}

export async function serverChildCode(): Promise<ChildCode> {
  if (process.env.BENCH_SERVER_CODE !== 'dist')
    return { script: source, execArgv: process.execArgv };
  if (!existsSync(`${root}packages/handoff-server/dist/index.js`))
    throw new Error('BENCH_SERVER_CODE=dist: run `npm run build` first');
  bundled ??= bundleChild();
  return { script: await bundled, execArgv: [] };
}

async function bundleChild(): Promise<string> {
  // Inside the repository, so Node finds `node_modules` from it.
  const dir = `${root}node_modules/.cache/baton-bench`;
  mkdirSync(dir, { recursive: true });
  const outfile = `${dir}/child-${process.pid}.mjs`;
  await build({
    entryPoints: [source],
    outfile,
    bundle: true,
    packages: 'external',
    // The built packages, not the sources: without this, esbuild follows tsconfig.json's
    // `paths` (@baton/* → src/*.ts) and the child would run a bundle of the sources.
    tsconfigRaw: {},
    alias: {
      '@baton/handoff-server': `${root}packages/handoff-server/dist/index.js`,
      '@baton/handoff-protocol': `${root}packages/handoff-protocol/dist/index.js`,
    },
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  });
  return outfile;
}

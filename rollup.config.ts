import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { basename, dirname, join } from 'node:path';
import type { OutputOptions, RollupOptions } from 'rollup';
import { dts } from 'rollup-plugin-dts';
import esbuild from 'rollup-plugin-esbuild';
import { bundledIntoPackage, packagePlugins } from './packages/chat-widget/scripts/library-bundle';

/**
 * One build for every workspace package: each entry of a package's `exports` map that
 * names a `source` file is bundled to ESM at its `default` path, with its declarations
 * bundled at its `types` path. Dependencies stay external (library builds); browser
 * bundles with everything inlined are declared by the package that ships them in
 * `browserBundles` below.
 */
interface ExportEntry {
  types?: string;
  source?: string;
  default?: string;
}
interface PackageJson {
  name: string;
  exports?: Record<string, ExportEntry | string>;
  bin?: Record<string, string>;
}

const nodeBuiltins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

function isExternal(id: string): boolean {
  if (nodeBuiltins.has(id)) return true;
  return !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0');
}

/** ESM at `file`; lazily imported modules become chunks beside it (kept lazy for bundlers). */
function esmOutput(file: string): OutputOptions {
  return {
    dir: dirname(file),
    entryFileNames: basename(file),
    chunkFileNames: 'chunks/[name]-[hash].js',
    format: 'es',
    sourcemap: true,
  };
}

function packageBuilds(dir: string): RollupOptions[] {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageJson;
  const builds: RollupOptions[] = [];
  // The chat widget ships its own copy of Direct Line's client, without the streaming
  // extension (see packages/chat-widget/scripts/library-bundle.ts).
  const widget = pkg.name === '@baton/chat-widget';
  // The protocol ships module by module: a portal bundling the widget keeps only the modules
  // the widget imports (markdown, red flags, limits), not every schema and zod with them.
  const protocol = pkg.name === '@baton/handoff-protocol';
  for (const entry of Object.values(pkg.exports ?? {})) {
    if (typeof entry === 'string' || !entry.source || !entry.default) continue;
    const input = join(dir, entry.source);
    if (!existsSync(input)) continue;
    builds.push({
      input,
      external: widget
        ? (id, importer) => !bundledIntoPackage(id, importer) && isExternal(id)
        : isExternal,
      output: protocol
        ? {
            ...esmOutput(join(dir, entry.default)),
            entryFileNames: '[name].js', // `src/index.ts` → `dist/index.js`, and so on
            preserveModules: true,
            preserveModulesRoot: join(dir, 'src'),
          }
        : esmOutput(join(dir, entry.default)),
      plugins: [
        ...(widget ? packagePlugins() : []),
        esbuild({ target: 'es2022', jsx: 'automatic', jsxImportSource: 'preact' }),
      ],
    });
    if (entry.types) {
      builds.push({
        input,
        external: isExternal,
        output: { file: join(dir, entry.types), format: 'es' },
        plugins: [dts({ tsconfig: 'tsconfig.json', compilerOptions: { noEmit: false } })],
      });
    }
  }
  // Bins: `bin: { name: './dist/x.js' }` is built from `./src/x.ts` (the shebang is kept).
  for (const target of Object.values(pkg.bin ?? {})) {
    const source = target.replace(/^\.\/dist\//, './src/').replace(/\.js$/, '.ts');
    const input = join(dir, source);
    const already = builds.some((b) => b.input === input);
    if (already || !existsSync(input)) continue;
    builds.push({
      input,
      external: isExternal,
      output: esmOutput(join(dir, target)),
      plugins: [esbuild({ target: 'es2022' })],
    });
  }
  return builds;
}

const packagesDir = join(dirname(new URL(import.meta.url).pathname), 'packages');
const config: RollupOptions[] = readdirSync(packagesDir, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(packagesDir, d.name, 'package.json')))
  .flatMap((d) => packageBuilds(join(packagesDir, d.name)));

export default config;

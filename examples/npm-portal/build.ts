// biome-ignore-all lint/suspicious/noConsole: a build script reports what it wrote
import { existsSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const portalDir = dirname(fileURLToPath(import.meta.url));
export const distDir = join(portalDir, 'dist');

/**
 * The portal's own bundler, as an existing portal would have it: esbuild, with
 * `@baton/chat-widget` resolved like any npm dependency (its published `dist/`, not the
 * repository's sources), code-split so the widget's lazy parts stay lazy. Writes `dist/`.
 */
export async function buildPortal(): Promise<string[]> {
  // The widget as npm installs it: its built entry (in this repository, `npm run build`).
  const widgetDir = dirname(
    createRequire(import.meta.url).resolve('@baton/chat-widget/package.json'),
  );
  if (!existsSync(join(widgetDir, 'dist/index.js'))) {
    throw new Error('@baton/chat-widget is not built: run `npm run build` first');
  }
  rmSync(distDir, { recursive: true, force: true });
  const result = await build({
    entryPoints: { app: join(portalDir, 'src/main.ts') },
    outdir: distDir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    sourcemap: false,
    metafile: true,
    chunkNames: 'chunks/[name]-[hash]',
    logLevel: 'warning',
    // As in a portal of its own: no path mapping from this repository's tsconfig (which points
    // `@baton/*` at sources); the package resolves through its `exports`. No plugin or alias is
    // needed: the package carries Direct Line's client without its streaming part.
    tsconfigRaw: {},
  });
  return Object.keys(result.metafile.outputs).map((file) =>
    relative(distDir, join(process.cwd(), file)),
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const files = await buildPortal();
  console.log(`npm portal built: ${files.length} files in ${relative(process.cwd(), distDir)}/`);
}

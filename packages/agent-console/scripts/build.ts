// Builds the agent console app into packages/agent-console/dist/app/: index.html, app.js
// (one minified ES module: Preact, socket.io-client, the protocol) and app.css.
// Run: npx tsx packages/agent-console/scripts/build.ts
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { transform } from 'esbuild';
import { type Plugin, rollup } from 'rollup';
import esbuild from 'rollup-plugin-esbuild';
import { CONSOLE_CSS } from '../src/ui/styles';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(packageDir, 'dist', 'app');
// handoff-protocol declares `"sideEffects": false`, but rollup-plugin-esbuild loads its .ts
// files itself, so node-resolve never reads the flag for them: say it here.
const protocolSource = join(packageDir, '..', 'handoff-protocol', 'src');

/**
 * engine.io-client maps its `*.node.js` modules (Node's XHR and `ws`) to browser ones
 * through the `browser` field, which node-resolve does not apply to relative imports
 * resolved through an `exports` map: apply it here.
 */
function browserTransports(): Plugin {
  return {
    name: 'engine-io-browser-transports',
    resolveId(source, importer) {
      if (!importer?.includes('engine.io-client') || !source.endsWith('.node.js')) return null;
      return join(dirname(importer), source.replace(/\.node\.js$/, '.js'));
    },
  };
}

export async function buildConsoleApp(): Promise<{ js: number; jsGzip: number; css: number }> {
  const bundle = await rollup({
    input: join(packageDir, 'src', 'browser.tsx'),
    treeshake: { moduleSideEffects: (id) => !id.startsWith(protocolSource) },
    onwarn(warning, warn) {
      // zod ships explanatory comments beside its `@__PURE__` marks; rollup drops them, harmlessly.
      const quiet = ['CIRCULAR_DEPENDENCY', 'THIS_IS_UNDEFINED', 'INVALID_ANNOTATION'];
      if (warning.code && quiet.includes(warning.code)) return;
      warn(warning);
    },
    plugins: [
      browserTransports(),
      nodeResolve({
        browser: true,
        exportConditions: ['source', 'browser', 'module', 'import', 'production', 'default'],
        extensions: ['.ts', '.tsx', '.mjs', '.js', '.json'],
      }),
      esbuild({
        target: 'es2022',
        minify: true,
        jsx: 'automatic',
        jsxImportSource: 'preact',
        include: /\.[cm]?[jt]sx?$/,
        define: { 'process.env.NODE_ENV': '"production"' },
      }),
    ],
  });
  const { output } = await bundle.generate({ format: 'es', inlineDynamicImports: true });
  await bundle.close();
  const js = output.map((chunk) => (chunk.type === 'chunk' ? chunk.code : '')).join('\n');
  const css = (await transform(CONSOLE_CSS, { loader: 'css', minify: true })).code;
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'app.js'), js);
  writeFileSync(join(outDir, 'app.css'), css);
  writeFileSync(join(outDir, 'index.html'), readFileSync(join(packageDir, 'index.html'), 'utf8'));
  return { js: js.length, jsGzip: gzipSync(js).length, css: css.length };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const sizes = await buildConsoleApp();
  process.stdout.write(
    `agent console: ${outDir}\n  app.js ${sizes.js} B (${sizes.jsGzip} B gzip), app.css ${sizes.css} B\n`,
  );
}

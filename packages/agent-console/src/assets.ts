import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Files of the built console (`scripts/build.ts`), for a server to serve as static assets. */
export const CONSOLE_ASSET_FILES = ['index.html', 'app.js', 'app.css'] as const;

/**
 * Absolute path of the built console folder (`dist/app`: index.html, app.js, app.css).
 * Node only. Works from the TypeScript source (`src/`) and from the published `dist/`.
 */
export function consoleAssetsDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  return basename(here) === 'src' ? join(here, '..', 'dist', 'app') : join(here, 'app');
}

/** True when the console has been built (`npx tsx packages/agent-console/scripts/build.ts`). */
export function consoleAssetsBuilt(): boolean {
  const dir = consoleAssetsDir();
  return CONSOLE_ASSET_FILES.every((file) => existsSync(join(dir, file)));
}

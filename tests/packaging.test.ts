import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// Every workspace package is publishable the same way: ESM, an exports map with `types`
// first (TypeScript picks the first matching condition), a `source` condition for tests and
// dev scripts, `sideEffects` declared and a `files` list.
const root = join(import.meta.dirname, '..');
const packagesDir = join(root, 'packages');

interface PackageJson {
  name: string;
  type?: string;
  sideEffects?: unknown;
  files?: string[];
  exports?: Record<string, string | Record<string, string>>;
}

const packages = readdirSync(packagesDir)
  .filter((name) => existsSync(join(packagesDir, name, 'package.json')))
  .map((name) => ({
    dir: join(packagesDir, name),
    pkg: JSON.parse(readFileSync(join(packagesDir, name, 'package.json'), 'utf8')) as PackageJson,
  }));

describe('workspace packages', () => {
  it('finds the five packages of the design', () => {
    expect(packages.map((p) => p.pkg.name).sort()).toEqual([
      '@baton/agent-console',
      '@baton/chat-widget',
      '@baton/directline-emulator',
      '@baton/handoff-protocol',
      '@baton/handoff-server',
    ]);
  });

  for (const { dir, pkg } of packages) {
    describe(pkg.name, () => {
      it('is ESM with sideEffects and files declared', () => {
        expect(pkg.type).toBe('module');
        expect(pkg.sideEffects).toBeDefined();
        expect(pkg.files).toContain('dist');
      });

      it('lists types first in every export entry, with a source file that exists', () => {
        for (const [subpath, entry] of Object.entries(pkg.exports ?? {})) {
          if (typeof entry === 'string') continue;
          const keys = Object.keys(entry);
          // A bin-only entry (nothing to import) may have no types; any other must lead with them.
          if (subpath === '.' || 'types' in entry) {
            expect(keys[0], `${pkg.name} ${subpath}`).toBe('types');
          }
          expect(keys, `${pkg.name} ${subpath}`).toContain('default');
          const source = entry.source;
          if (source && existsSync(join(dir, 'src'))) {
            const hasSources = readdirSync(join(dir, 'src')).length > 0;
            if (hasSources)
              expect(existsSync(join(dir, source)), `${pkg.name} ${source}`).toBe(true);
          }
        }
      });
    });
  }
});

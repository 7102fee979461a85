import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BrowserFile, buildBrowserFiles, packageDir } from './browser-bundle';

/**
 * `THIRD_PARTY_NOTICES`, shipped in the package (`files`): `dist/` carries copies of other
 * packages' code (the script-tag build: Preact, socket.io-client, Direct Line's client with
 * rxjs 5…; the npm build: Direct Line's client and what it imports), so their licences go with
 * it. Written from the browser build's own module list (it bundles everything the npm build
 * does, and more); the size test fails when the committed file no longer matches.
 * Run: `npx tsx packages/chat-widget/scripts/third-party-notices.ts`.
 */
export const NOTICES_PATH = join(packageDir, 'THIRD_PARTY_NOTICES');

/** npm package names behind the build's modules (`rxjs/operator/map.js` → `rxjs`). */
export function bundledPackages(files: readonly BrowserFile[]): string[] {
  const names = new Set<string>();
  for (const file of files) {
    for (const id of Object.keys(file.modules)) {
      const path = id.replace(/^\0+/, '').split('?')[0] ?? '';
      if (/^[./]|^baton-|^commonjs/.test(path)) continue; // Baton's own, rollup's glue
      const parts = path.split('/');
      names.add(path.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? ''));
    }
  }
  return [...names].filter(Boolean).sort();
}

interface PackageJson {
  version: string;
  license?: string;
  homepage?: string;
  repository?: string | { url?: string };
}

/** The copy the build resolved: the widget's own `node_modules` first, then the root's. */
function packageFolder(name: string): string {
  const own = join(packageDir, 'node_modules', name);
  return existsSync(join(own, 'package.json')) ? own : join(packageDir, '../../node_modules', name);
}

function notice(name: string): string {
  const dir = packageFolder(name);
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageJson;
  const licenceFile = readdirSync(dir).find((file) => /^licen[cs]e(\.(md|txt))?$/i.test(file));
  if (!licenceFile) throw new Error(`${name} ships no licence file`);
  const text = readFileSync(join(dir, licenceFile), 'utf8').replace(/\r\n/g, '\n').trim();
  const repository = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
  const source = pkg.homepage ?? repository ?? `https://www.npmjs.com/package/${name}`;
  return [`${name} ${pkg.version} (${pkg.license ?? 'see below'})`, source, '', text].join('\n');
}

/** The file's whole text for these packages. */
export function noticesText(names: readonly string[]): string {
  const rule = `\n\n${'-'.repeat(78)}\n\n`;
  const head = [
    '@baton/chat-widget: third-party notices',
    '',
    'The files in dist/ include code from the npm packages below, each under its own',
    'licence, reproduced here. Baton itself is under the MIT licence (see package.json).',
  ].join('\n');
  return `${[head, ...names.map(notice)].join(rule)}\n`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const names = bundledPackages(await buildBrowserFiles());
  writeFileSync(NOTICES_PATH, noticesText(names));
  process.stdout.write(`${NOTICES_PATH}: ${names.join(', ')}\n`);
}

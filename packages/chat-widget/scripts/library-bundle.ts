import commonjs from '@rollup/plugin-commonjs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import type { Plugin } from 'rollup';
import { STUBS } from './browser-bundle';

/**
 * The npm build of `@baton/chat-widget` (what `npm pack` ships, what a portal's bundler sees
 * through `exports`) carries its own copy of Direct Line's client, as the script-tag build
 * does: `botframework-directlinejs/lib/directLine` re-exports its streaming client (and with
 * it `botframework-streaming`, about 140 KB) and loads two polyfills evergreen browsers do not
 * need. A CommonJS package cannot be tree-shaken, so a portal bundling the package would get
 * them all; bundled here with the same stubs, they are left out for every bundler, with no
 * configuration on the portal's side. Every other dependency stays external.
 */
const DIRECT_LINE = 'botframework-directlinejs/lib/directLine';

/** Bundled into the package: Direct Line's client and what it imports (rxjs 5, jwt-decode…). */
export function bundledIntoPackage(id: string, importer: string | undefined): boolean {
  return id === DIRECT_LINE || Boolean(importer?.includes('/node_modules/'));
}

function directLineStubs(): Plugin {
  return {
    name: 'baton-direct-line-stubs',
    resolveId: (id, importer) =>
      id in STUBS && importer?.includes('botframework-directlinejs') ? `\0baton-stub:${id}` : null,
    load: (id) =>
      id.startsWith('\0baton-stub:') ? (STUBS[id.slice('\0baton-stub:'.length)] ?? '') : null,
  };
}

/** The plugins that bundle Direct Line's CommonJS client (before the TypeScript one). */
export function packagePlugins(): Plugin[] {
  return [
    directLineStubs(),
    nodeResolve({ browser: true, preferBuiltins: false, extensions: ['.js', '.mjs'] }),
    commonjs(),
  ];
}

import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { rollup } from 'rollup';
import esbuild from 'rollup-plugin-esbuild';
import { beforeAll, describe, expect, it } from 'vitest';

// What the widget's handoff chunk takes from this package: parse what the server sends,
// build what the patient sends. Bundled from the package name exactly as the widget
// imports it (the `source` condition points at src/), minified and gzipped.
const WIDGET_ENTRY = `
import { parseServerToPatient, patientMessage, serialiseMessage, BatonProtocolError } from '@baton/handoff-protocol';
export function send(text, conversationId, clientMessageId) {
  return serialiseMessage(patientMessage('message', { conversationId, clientMessageId, text }));
}
export function receive(frame) {
  const result = parseServerToPatient(frame);
  return result.ok ? result.message : BatonProtocolError.is(result.error) && result.error.code;
}
`;

// Measured 2026-11-25: 40,088 B minified, 13,139 B gzip, about 80% of it zod/mini's runtime
// (zod/v4/core). Classic `zod` would be ~25 KB gzip for the same schemas. Keep the ceiling close.
const WIDGET_GZIP_CEILING = 14 * 1024;

// package.json declares `"sideEffects": false`. rollup-plugin-esbuild resolves the .ts files
// itself, so node-resolve never reads that flag for them: say it here as a bundler would.
const packageSource = join(import.meta.dirname, '..', 'src');

async function bundle(entry: string): Promise<string> {
  const build = await rollup({
    input: 'entry',
    onwarn: () => {},
    treeshake: { moduleSideEffects: (id) => !id.startsWith(packageSource) },
    plugins: [
      {
        name: 'virtual-entry',
        resolveId: (id) => (id === 'entry' ? id : null),
        load: (id) => (id === 'entry' ? entry : null),
      },
      nodeResolve({
        browser: true,
        exportConditions: ['source', 'browser', 'module', 'import', 'default'],
        extensions: ['.ts', '.mjs', '.js', '.json'],
      }),
      esbuild({ target: 'es2022', minify: true, include: /\.[cm]?[jt]s$/ }),
    ],
  });
  const { output } = await build.generate({ format: 'es' });
  await build.close();
  return output.map((chunk) => (chunk.type === 'chunk' ? chunk.code : '')).join('\n');
}

describe('widget bundle', () => {
  let code = '';
  let gzip = 0;

  // Built once before any case, so each case also checks a real bundle when run alone.
  beforeAll(async () => {
    code = await bundle(WIDGET_ENTRY);
    gzip = gzipSync(code, { level: 9 }).length;
    console.warn(`handoff-protocol widget bundle: ${code.length} B min, ${gzip} B gzip`);
  }, 60_000);

  it(`stays under ${WIDGET_GZIP_CEILING} bytes gzip`, () => {
    expect(gzip).toBeGreaterThan(1000);
    expect(gzip).toBeLessThan(WIDGET_GZIP_CEILING);
  });

  it('leaves out agent-side messages, the desk data and the state machine', () => {
    expect(code.length).toBeGreaterThan(1000);
    for (const needle of [
      'queue.snapshot',
      'supervisor.snapshot',
      'conversation.claim',
      'conversation.transfer',
      'averageSurveyRating',
      'transfer_to_queue',
    ]) {
      expect(code, needle).not.toContain(needle);
    }
  });

  it('uses zod/mini, not classic zod', () => {
    // Classic schemas carry chainable methods such as `.superRefine` and `.nonempty`.
    expect(code).not.toContain('superRefine');
    expect(code).not.toContain('nonempty');
  });

  it('has every patient-side message type', () => {
    for (const type of [
      'handoff.queued',
      'agent.joined',
      'survey.request',
      'call.offer',
      'returned_to_bot',
    ]) {
      expect(code).toContain(type);
    }
  });
});

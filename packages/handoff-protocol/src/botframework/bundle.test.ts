import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

// Transcript normalisation runs in the widget: its bundle must stay small and browser-only.
const entries = {
  transcript: {
    path: new URL('../transcript/index.ts', import.meta.url).pathname,
    gzipBudget: 6_000,
  },
  botframework: { path: new URL('./index.ts', import.meta.url).pathname, gzipBudget: 8_000 },
};

describe.each(Object.entries(entries))('%s entry bundled for the browser', (_name, entry) => {
  it('stays within its byte budget (zod excluded) and uses no Node or Bot Framework code', async () => {
    const result = await build({
      entryPoints: [entry.path],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      minify: true,
      write: false,
      metafile: true,
      logLevel: 'silent',
      external: ['zod', 'zod/*'],
    });
    const code = result.outputFiles[0]?.text ?? '';
    expect(gzipSync(code).length).toBeLessThanOrEqual(entry.gzipBudget);
    for (const input of Object.keys(result.metafile.inputs)) {
      expect(input).toMatch(/packages\/handoff-protocol\/src\//);
    }
    expect(code).not.toMatch(/\bBuffer\b|\bprocess\.|\brequire\(|botbuilder|node:/);
  });
});

// biome-ignore-all lint/suspicious/noConsole: a build script reports what it wrote
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { buildBrowserFiles, chatFiles, packageDir } from './browser-bundle';

/**
 * Writes `dist/baton.js` (the script-tag loader), `dist/chunks/*` (the widget and its lazy
 * chunks) and `dist/baton.manifest.json` (file, bytes, gzip bytes, SRI), and prints the same.
 * Files from the previous browser build are removed; the library build's own files in
 * `dist/chunks` are left alone. Run: `npx tsx packages/chat-widget/scripts/build-browser.ts`.
 */
const dist = join(packageDir, 'dist');
const manifestPath = join(dist, 'baton.manifest.json');
if (existsSync(manifestPath)) {
  const previous = JSON.parse(readFileSync(manifestPath, 'utf8')) as { files: { file: string }[] };
  for (const { file } of previous.files) await rm(join(dist, file), { force: true });
}
const files = await buildBrowserFiles();
for (const file of files) {
  const path = join(dist, file.fileName);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, file.code);
}
const manifest = {
  files: files.map((f) => ({
    file: f.fileName,
    bytes: f.bytes,
    gzipBytes: f.gzipBytes,
    integrity: f.integrity,
  })),
  chatGzipBytes: chatFiles(files).reduce((sum, file) => sum + file.gzipBytes, 0),
};
await writeFile(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
const width = Math.max(...files.map((file) => file.fileName.length));
for (const file of files) {
  console.log(
    `${file.fileName.padEnd(width)}  ${String(file.bytes).padStart(7)} B  ${String(file.gzipBytes).padStart(6)} B gzip  ${file.integrity}`,
  );
}
console.log(`chat with the bot (loader + widget + cards): ${manifest.chatGzipBytes} B gzip`);

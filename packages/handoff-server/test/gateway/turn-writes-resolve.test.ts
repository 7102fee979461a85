import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformSync } from 'esbuild';
import { afterEach, describe, expect, it } from 'vitest';

// engine.io is socket.io's dependency, not the handoff server's: in a strict layout (pnpm, or
// an app with its own engine.io at the top) only socket.io is beside the server's code.

const source = join(dirname(fileURLToPath(import.meta.url)), '../../src/gateway/turn-writes.ts');
const socketIo = dirname(createRequire(import.meta.url).resolve('socket.io/package.json'));

let root: string | undefined;
afterEach(() => {
  if (root) rmSync(root, { recursive: true, force: true });
  root = undefined;
});

function run(script: string): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [script], { timeout: 20_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, out: `${stdout}${stderr}` }),
    );
  });
}

describe('the turn-batched wsEngine in a strict node_modules layout', () => {
  it('finds engine.io (and its ws) through socket.io, and socket.io takes it', async () => {
    root = mkdtempSync(join(tmpdir(), 'baton-turn-writes-'));
    mkdirSync(join(root, 'node_modules'));
    symlinkSync(socketIo, join(root, 'node_modules', 'socket.io'), 'dir');
    mkdirSync(join(root, 'server'));
    const { code } = transformSync(readFileSync(source, 'utf8'), { loader: 'ts', format: 'esm' });
    writeFileSync(join(root, 'server', 'turn-writes.mjs'), code);
    const main = join(root, 'server', 'main.mjs');
    writeFileSync(
      main,
      [
        "import { createServer } from 'node:http';",
        "import { Server } from 'socket.io';",
        "import { turnBatchedWsEngine } from './turn-writes.mjs';",
        'const io = new Server(createServer(), { wsEngine: turnBatchedWsEngine() });',
        "console.log(io.engine.ws.constructor.name === 'TurnBatchedServer' ? 'batched' : 'plain');",
        'io.close();',
      ].join('\n'),
    );
    const result = await run(main);
    expect(result.out.trim()).toBe('batched');
    expect(result.code).toBe(0);
  });
});

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * `npm start` as a child process on free ports with a temporary data folder, for the tests
 * that check what a person meets (tests/demo.test.ts).
 */
export interface DemoProcess {
  portalPort: number;
  serverPort: number;
  dataDir: string;
  /** Everything printed so far (stdout and stderr). */
  output(): string;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export async function startDemoProcess(env: Record<string, string> = {}): Promise<DemoProcess> {
  const portalPort = await freePort();
  const serverPort = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'baton-demo-'));
  let output = '';
  const demo = spawn(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', 'scripts/demo.ts'],
    {
      cwd: join(import.meta.dirname, '..'),
      env: {
        ...process.env,
        BATON_DEMO_PORTAL_PORT: String(portalPort),
        BATON_DEMO_SERVER_PORT: String(serverPort),
        BATON_DATA_DIR: dataDir,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  demo.stdout?.on('data', collect);
  demo.stderr?.on('data', collect);
  const stop = async () => {
    if (demo.exitCode === null) {
      const exited = new Promise((resolve) => demo.once('exit', resolve));
      demo.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`demo did not start:\n${output}`)), 90_000);
    const check = setInterval(() => {
      if (output.includes('Baton demo is running')) {
        clearInterval(check);
        clearTimeout(timer);
        resolve();
      }
    }, 100);
    demo.once('exit', (code) => {
      clearInterval(check);
      clearTimeout(timer);
      reject(new Error(`demo exited with ${code}:\n${output}`));
    });
  }).catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  return { portalPort, serverPort, dataDir, output: () => output, stop };
}

/** The demo's development sign-in: a staff token for one of its users. */
export async function devSignIn(origin: string, username: string): Promise<string> {
  const reply = await fetch(`${origin}/api/dev/signin`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({ username, password: 'baton-demo' }),
  });
  if (reply.status !== 200) throw new Error(`sign-in of ${username}: ${reply.status}`);
  return ((await reply.json()) as { token: string }).token;
}

import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { createClient } from 'redis';

/** A throwaway redis-server on a free loopback port, no persistence. */
export interface TestRedis {
  url: string;
  stop(): Promise<void>;
  /** Stops the server, waits `downMs` (the outage being simulated), starts it on the same port. */
  restart(downMs: number): Promise<void>;
}

const REDIS_BIN = process.env.BATON_REDIS_BIN ?? '/usr/bin/redis-server';

/** Skip locally when redis-server is missing; with CI=true never skip (the test then fails). */
export const skipWithoutRedis = !existsSync(REDIS_BIN) && process.env.CI !== 'true';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

interface RedisProcess {
  child: ChildProcess;
  exited: Promise<void>;
}

async function spawnRedis(port: number): Promise<RedisProcess> {
  const child: ChildProcess = spawn(
    REDIS_BIN,
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--protected-mode',
      'yes',
    ],
    { stdio: 'ignore' },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `redis://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    const client = createClient({ url, socket: { reconnectStrategy: false } });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.ping();
      await client.quit();
      return { child, exited };
    } catch (error) {
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

export async function startRedis(): Promise<TestRedis> {
  if (!existsSync(REDIS_BIN))
    throw new Error(`redis-server not found at ${REDIS_BIN}: apt-get install redis-server`);
  const port = await freePort();
  let current = await spawnRedis(port);
  const stop = async () => {
    if (current.child.exitCode === null) current.child.kill('SIGTERM');
    await current.exited;
  };
  return {
    url: `redis://127.0.0.1:${port}`,
    stop,
    async restart(downMs) {
      await stop();
      await new Promise((resolve) => setTimeout(resolve, downMs));
      current = await spawnRedis(port);
    },
  };
}

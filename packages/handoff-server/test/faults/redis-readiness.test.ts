import { afterEach, describe, expect, it } from 'vitest';
import { startChildServer } from '../support/child-server';
import { skipWithoutRedis, startRedis } from '../support/redis';
import { testSecrets } from '../support/server';
import { backendFor, until } from './support';

let cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

describe.skipIf(skipWithoutRedis)('readiness when Redis goes away', () => {
  it('names redis as down within its bound; the database stays ok; the node stays alive', async () => {
    const redis = await startRedis();
    let redisUp = true;
    cleanups.push(() => (redisUp ? redis.stop() : undefined));
    const backend = backendFor('sqlite', testSecrets());
    cleanups.push(() => backend.cleanup());
    const node = await startChildServer({
      ...backend.env,
      BATON_REDIS_URL: redis.url,
      BATON_READYZ_TIMEOUT_MS: '500',
    });
    cleanups.push(() => node.kill('SIGKILL'));
    const readyz = async () => {
      const started = Date.now();
      const response = await fetch(`${node.url}/readyz`);
      const body = (await response.json()) as { checks: Record<string, string> };
      return { status: response.status, checks: body.checks, ms: Date.now() - started };
    };
    expect(await readyz()).toMatchObject({ status: 200, checks: { database: 'ok', redis: 'ok' } });

    await redis.stop();
    redisUp = false;
    await until(async () => (await readyz()).status === 503, 10_000);
    const down = await readyz();
    expect(down.checks.database).toBe('ok');
    expect(down.checks.redis).not.toBe('ok');
    expect(down.ms).toBeLessThan(2000);
    expect((await fetch(`${node.url}/healthz`)).status).toBe(200);
    expect(node.child.exitCode).toBeNull();
  }, 30_000);
});

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DurableScheduler } from '../../src/engine/scheduler';
import type { ConversationStore } from '../../src/storage/contract';
import { skipWithoutPostgres, startPostgres, type TestPostgres } from '../support/postgres';
import { silentLogger } from '../support/recording';
import { testSecrets } from '../support/server';
import { backendFor, databaseFor, type FaultBackend, until } from './support';

const ROWS = 300;
let postgres: TestPostgres | undefined;
let cleanups: (() => Promise<unknown> | unknown)[] = [];
beforeAll(async () => {
  if (!skipWithoutPostgres) postgres = await startPostgres();
}, 60_000);
afterAll(async () => {
  await postgres?.stop();
});
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

const backends: FaultBackend['name'][] = skipWithoutPostgres ? ['sqlite'] : ['sqlite', 'postgres'];

describe.each(backends)('durable schedules claimed by three nodes at once (%s)', (name) => {
  it('runs every due row exactly once, whichever node claims it', async () => {
    const backend = backendFor(name, testSecrets(), await databaseFor(name, postgres));
    cleanups.push(() => backend.cleanup());
    const stores: ConversationStore[] = [];
    for (let i = 0; i < 3; i += 1) stores.push(await backend.open());
    cleanups.push(() => Promise.all(stores.map((s) => s.close())));
    const due = new Date(Date.now() - 1000).toISOString();
    for (let i = 0; i < ROWS; i += 1) await stores[0]!.setSchedule('queue', `c${i}`, due);

    const runs = new Map<string, string[]>();
    const nodes = stores.map((store, n) => {
      const scheduler = new DurableScheduler({
        store,
        logger: silentLogger,
        pollMs: 20,
        owner: `node-${n}`,
      });
      scheduler.handle('queue', async (key) => {
        runs.set(key, [...(runs.get(key) ?? []), `node-${n}`]);
        await new Promise((resolve) => setTimeout(resolve, 1));
      });
      return scheduler;
    });
    for (const node of nodes) node.start();
    cleanups.push(() => Promise.all(nodes.map((node) => node.stop())));
    await until(async () => {
      const left = await Promise.all(
        Array.from({ length: ROWS }, (_, i) => stores[0]!.getSchedule('queue', `c${i}`)),
      );
      return left.every((row) => row === null);
    }, 30_000);
    expect(runs.size).toBe(ROWS);
    expect([...runs.values()].filter((by) => by.length !== 1)).toEqual([]);
    // The work was shared: more than one node claimed rows.
    expect(new Set([...runs.values()].map((by) => by[0])).size).toBeGreaterThan(1);
  }, 60_000);
});

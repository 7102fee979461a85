import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type ConversationStore,
  generateEncryptionKey,
  PostgresConversationStore,
  SqliteConversationStore,
} from '@baton/handoff-server';
import { afterAll, describe, expect, it } from 'vitest';
import {
  skipWithoutPostgres,
  startPostgres,
  type TestPostgres,
} from '../packages/handoff-server/test/support/postgres';
import { seedDemoHistory } from '../scripts/demo-history';
import { backdateDemoHistory } from '../scripts/demo-history-times';

// The demo's morning for Analytics, on the two stores `npm start` can run on: after the seed
// and its timestamps, first response and handle time are the planned ones (not 0 s), and the
// agents' lines are readable conversation messages.
const keyRing = () => ({ activeKeyId: 'k1', keys: { k1: generateEncryptionKey() } });
const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function checkMorning(
  store: ConversationStore,
  target: { databaseUrl?: string; dataDir: string },
) {
  const now = Date.now();
  const times = await seedDemoHistory(store, now);
  if (!times) throw new Error('nothing seeded');
  await backdateDemoHistory(times, target);
  expect(await seedDemoHistory(store, now)).toBeNull(); // once per data folder
  const facts = await store.analyticsFacts({
    from: new Date(now - 6 * 3_600_000).toISOString(),
    to: new Date(now + 60_000).toISOString(),
  });
  const handled = facts.conversations.filter((c) => c.firstClaimAt !== null);
  const seconds = (from: string | null, to: string | null) =>
    (Date.parse(to ?? '') - Date.parse(from ?? '')) / 1000;
  expect(handled.map((c) => seconds(c.firstClaimAt, c.firstAgentReplyAt))).toEqual([
    25, 70, 12, 35,
  ]);
  expect(handled.map((c) => seconds(c.firstClaimAt, c.endedAt) / 60)).toEqual([6, 11, 9, 4]);
  expect(facts.conversations.every((c) => Date.parse(c.createdAt) < now)).toBe(true);
  const lines = await store.listMessages('demo-history-1');
  expect(lines.map((m) => m.from)).toEqual(['agent', 'patient', 'agent', 'patient', 'agent']);
  expect(JSON.parse(lines[1]!.body).text).toMatch(/blood test/);
}

describe('the demo history', () => {
  it('reads as a morning on SQLite', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'baton-demo-history-'));
    const store = new SqliteConversationStore({
      filename: join(dataDir, 'baton.db'),
      keyRing: keyRing(),
    });
    cleanups.push(async () => {
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    });
    await checkMorning(store, { dataDir });
  });

  it.skipIf(skipWithoutPostgres)(
    'reads as a morning on PostgreSQL',
    { timeout: 60_000 },
    async () => {
      const postgres: TestPostgres = await startPostgres();
      cleanups.push(() => postgres.stop());
      const databaseUrl = await postgres.createDatabase();
      const store = await PostgresConversationStore.open({
        connectionString: databaseUrl,
        keyRing: keyRing(),
      });
      cleanups.push(() => store.close());
      await checkMorning(store, { databaseUrl, dataDir: tmpdir() });
    },
  );
});

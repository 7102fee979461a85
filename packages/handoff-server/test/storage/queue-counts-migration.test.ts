import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationStore } from '../../src/storage/contract';
import { migratePostgres, POSTGRES_MIGRATIONS } from '../../src/storage/postgres/migrations';
import { PostgresConversationStore } from '../../src/storage/postgres/store';
import { migrateSqlite, SQLITE_MIGRATIONS } from '../../src/storage/sqlite/migrations';
import { SqliteConversationStore } from '../../src/storage/sqlite/store';
import { testKeyRing } from '../support/keys';
import { skipWithoutPostgres, startPostgres, type TestPostgres } from '../support/postgres';

// Migration 19: waiting entries counted per (queue, priority). Entries queued before it are
// counted by the backfill; the triggers count those after.
const BEFORE_19 = (version: number) => version < 19;

const WAITING = [
  ['r1', 'general', 'routine', 2, '2026-01-01T00:00:01.000Z'],
  ['u1', 'general', 'urgent', 1, '2026-01-01T00:00:02.000Z'],
  ['r2', 'general', 'routine', 2, '2026-01-01T00:00:03.000Z'],
  ['b1', 'billing', 'routine', 2, '2026-01-01T00:00:04.000Z'],
] as const;

const conversationsSql = () =>
  `INSERT INTO conversations (id, patient_id, state, queue, priority, created_at, updated_at, version) VALUES ${WAITING.map(
    ([id, queue, priority, , at]) =>
      `('${id}', 'p-${id}', 'queued', '${queue}', '${priority}', '${at}', '${at}', 1)`,
  ).join(', ')}`;
const entriesSql = () =>
  `INSERT INTO queue_entries (conversation_id, queue, priority, priority_rank, enqueued_at) VALUES ${WAITING.map(
    ([id, queue, priority, rank, at]) => `('${id}', '${queue}', '${priority}', ${rank}, '${at}')`,
  ).join(', ')}`;

async function expectBackfilled(store: ConversationStore): Promise<void> {
  expect(await store.countQueuedAhead('general', 'routine')).toBe(3);
  expect(await store.countQueuedAhead('general', 'urgent')).toBe(1);
  expect(await store.countQueuedAhead('billing', 'routine')).toBe(1);
  expect(await store.queuedQueueNames()).toEqual(['billing', 'general']);
  expect(await store.queuePosition('r2')).toMatchObject({ position: 3, last: true });
  expect(await store.queuePosition('r1')).toMatchObject({ position: 2, last: false });
  // The triggers keep counting from there.
  await store.createConversation({ id: 'u2', patientId: 'p-u2', state: 'handoff_requested' });
  await store.enqueue('u2', { queue: 'general', priority: 'urgent' });
  expect(await store.countQueuedAhead('general', 'urgent')).toBe(2);
  expect(await store.queuePosition('u2')).toMatchObject({ position: 2, last: false });
  await store.updateState('u1', { expected: 'queued', next: 'abandoned' });
  expect(await store.countQueuedAhead('general', 'routine')).toBe(3);
  expect(await store.queuePosition('r2')).toMatchObject({ position: 3, last: true });
}

describe('migration 19 (SQLite)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'baton-queue-counts-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('counts the entries already waiting, then every change', async () => {
    const filename = join(dir, 'old.db');
    const old = new Database(filename);
    migrateSqlite(
      old,
      SQLITE_MIGRATIONS.filter((m) => BEFORE_19(m.version)),
    );
    old.exec(conversationsSql());
    old.exec(entriesSql());
    old.close();
    const store = new SqliteConversationStore({ filename, keyRing: testKeyRing() });
    await expectBackfilled(store);
    await store.close();
  });
});

describe.skipIf(skipWithoutPostgres)('migration 19 (PostgreSQL)', () => {
  let server: TestPostgres;
  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('counts the entries already waiting, then every change', async () => {
    const connectionString = await server.createDatabase();
    const pool = new pg.Pool({ connectionString });
    await migratePostgres(
      pool,
      POSTGRES_MIGRATIONS.filter((m) => BEFORE_19(m.version)),
    );
    await pool.query(conversationsSql());
    await pool.query(entriesSql());
    await pool.end();
    const store = await PostgresConversationStore.open({
      connectionString,
      keyRing: testKeyRing(),
    });
    await expectBackfilled(store);
    await store.close();
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratePostgres, POSTGRES_MIGRATIONS } from '../../src/storage/postgres/migrations';
import { PostgresConversationStore } from '../../src/storage/postgres/store';
import { migrateSqlite, SQLITE_MIGRATIONS } from '../../src/storage/sqlite/migrations';
import { SqliteConversationStore } from '../../src/storage/sqlite/store';
import { testKeyRing } from '../support/keys';
import { skipWithoutPostgres, startPostgres, type TestPostgres } from '../support/postgres';

// Migration 13: presence in the protocol's words, the agent_scripts table gone. Data written
// by migration 12 comes through: an `online` agent is `available`, the others unchanged.
const BEFORE_13 = (version: number) => version < 13;

const AGENTS = `INSERT INTO agents (id, display_name, queues, capacity, presence, updated_at) VALUES
  ('ada', 'Ada', '["general"]', 3, 'online', '2026-01-01T00:00:00.000Z'),
  ('bo', 'Bo', '["general"]', 3, 'away', '2026-01-01T00:00:00.000Z')`;
const SCRIPT = `INSERT INTO agent_scripts (id, title, body, queue, created_at, updated_at)
  VALUES ('s1', 'Hello', 'Hi', NULL, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')`;

describe('migration 13 (SQLite)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'baton-presence-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('turns online agents available and drops agent_scripts', async () => {
    const filename = join(dir, 'old.db');
    const old = new Database(filename);
    migrateSqlite(
      old,
      SQLITE_MIGRATIONS.filter((m) => BEFORE_13(m.version)),
    );
    old.exec(AGENTS);
    old.exec(SCRIPT);
    old.close();
    const store = new SqliteConversationStore({ filename, keyRing: testKeyRing() });
    expect((await store.getAgent('ada'))?.presence).toBe('available');
    expect((await store.getAgent('bo'))?.presence).toBe('away');
    expect((await store.listAgents({ presence: 'available' })).map((a) => a.id)).toEqual(['ada']);
    const table = store.db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'agent_scripts'")
      .all();
    expect(table).toEqual([]);
    await store.close();
  });
});

describe.skipIf(skipWithoutPostgres)('migration 13 (PostgreSQL)', () => {
  let server: TestPostgres;
  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('turns online agents available and drops agent_scripts', async () => {
    const connectionString = await server.createDatabase();
    const pool = new pg.Pool({ connectionString });
    await migratePostgres(
      pool,
      POSTGRES_MIGRATIONS.filter((m) => BEFORE_13(m.version)),
    );
    await pool.query(AGENTS.replaceAll('["general"]', '{general}'));
    await pool.query(SCRIPT);
    await pool.end();
    const store = await PostgresConversationStore.open({
      connectionString,
      keyRing: testKeyRing(),
    });
    expect((await store.getAgent('ada'))?.presence).toBe('available');
    expect((await store.getAgent('bo'))?.presence).toBe('away');
    const check = new pg.Client({ connectionString });
    await check.connect();
    const table = await check.query("SELECT to_regclass('agent_scripts') AS name");
    expect(table.rows).toEqual([{ name: null }]);
    await check.end();
    await store.close();
  });
});

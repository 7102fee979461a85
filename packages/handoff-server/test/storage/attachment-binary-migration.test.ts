import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachmentAad } from '../../src/storage/attachment-records';
import { FieldCipher } from '../../src/storage/crypto';
import { migratePostgres, POSTGRES_MIGRATIONS } from '../../src/storage/postgres/migrations';
import { PostgresConversationStore } from '../../src/storage/postgres/store';
import { migrateSqlite, SQLITE_MIGRATIONS } from '../../src/storage/sqlite/migrations';
import { SqliteConversationStore } from '../../src/storage/sqlite/store';
import { testKeyRing } from '../support/keys';
import { skipWithoutPostgres, startPostgres, type TestPostgres } from '../support/postgres';

// Migration 18: attachment bytes sealed raw, not as base64 text (+33 %). A file stored before
// it (base64 inside the sealed value) is re-sealed when the store opens and reads back the
// same; a new file takes its size plus the 28 bytes of IV and tag, no more.
const BEFORE_18 = (version: number) => version < 18;
const IV_AND_TAG = 28;

const FILE = new Uint8Array(300_000);
for (let i = 0; i < FILE.length; i += 1) FILE[i] = (i * 31) & 0xff;

const keyRing = testKeyRing();
const legacy = new FieldCipher(keyRing).sealBytes(FILE, attachmentAad('old-file'));

const CONVERSATION = `INSERT INTO conversations (id, patient_id, state, priority, created_at,
  updated_at, version)
  VALUES ('c1', 'p1', 'assigned', 'routine', '2026-01-01T00:00:00.000Z',
  '2026-01-01T00:00:00.000Z', 1)`;
const ATTACHMENT = `INSERT INTO attachments (id, conversation_id, uploader_party, uploader_id,
  name, content_type, size, status, upload_token_hash, upload_expires_at, created_at, stored_at,
  key_id, data)
  VALUES ('old-file', 'c1', 'patient', 'p1', 'scan.pdf', 'application/pdf', ${FILE.length},
  'stored', 'h', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z',
  '2026-01-01T00:00:00.000Z', 'k1', $data)`;

async function newFile(store: SqliteConversationStore | PostgresConversationStore) {
  await store.createAttachment({
    id: 'new-file',
    conversationId: 'c1',
    uploaderParty: 'agent',
    uploaderId: 'a1',
    name: 'new.pdf',
    contentType: 'application/pdf',
    size: FILE.length,
    uploadTokenHash: 'h'.repeat(64),
    uploadExpiresAt: new Date(Date.now() + 60_000).toISOString(),
  });
  await store.storeAttachmentData('new-file', { contentType: 'application/pdf', bytes: FILE });
  expect(Buffer.from((await store.readAttachmentData('new-file'))!).equals(FILE)).toBe(true);
}

describe('migration 18 (SQLite)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'baton-binary-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('re-seals base64 files as binary and stores new ones at their size + 28 bytes', async () => {
    const filename = join(dir, 'old.db');
    const old = new Database(filename);
    migrateSqlite(
      old,
      SQLITE_MIGRATIONS.filter((m) => BEFORE_18(m.version)),
    );
    old.exec(CONVERSATION);
    old.prepare(ATTACHMENT.replace('$data', '?')).run(legacy.data);
    old.close();
    expect(legacy.data.byteLength).toBeGreaterThan(FILE.length * 1.33);

    const store = new SqliteConversationStore({ filename, keyRing });
    expect(Buffer.from((await store.readAttachmentData('old-file'))!).equals(FILE)).toBe(true);
    await newFile(store);
    const sizes = store.db
      .prepare('SELECT id, sealed_as, length(data) AS bytes FROM attachments ORDER BY id')
      .all();
    expect(sizes).toEqual([
      { id: 'new-file', sealed_as: 'binary', bytes: FILE.length + IV_AND_TAG },
      { id: 'old-file', sealed_as: 'binary', bytes: FILE.length + IV_AND_TAG },
    ]);
    await store.close();
  });
});

describe.skipIf(skipWithoutPostgres)('migration 18 (PostgreSQL)', () => {
  let server: TestPostgres;
  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('re-seals base64 files as binary (bytea) and stores new ones at their size + 28 bytes', async () => {
    const connectionString = await server.createDatabase();
    const pool = new pg.Pool({ connectionString });
    await migratePostgres(
      pool,
      POSTGRES_MIGRATIONS.filter((m) => BEFORE_18(m.version)),
    );
    await pool.query(CONVERSATION);
    await pool.query(ATTACHMENT.replace('$data', '$1'), [legacy.data]);
    await pool.end();

    const store = await PostgresConversationStore.open({ connectionString, keyRing });
    expect(Buffer.from((await store.readAttachmentData('old-file'))!).equals(FILE)).toBe(true);
    await newFile(store);
    const check = new pg.Client({ connectionString });
    await check.connect();
    const sizes = await check.query(
      'SELECT id, sealed_as, octet_length(data) AS bytes FROM attachments ORDER BY id',
    );
    expect(sizes.rows).toEqual([
      { id: 'new-file', sealed_as: 'binary', bytes: FILE.length + IV_AND_TAG },
      { id: 'old-file', sealed_as: 'binary', bytes: FILE.length + IV_AND_TAG },
    ]);
    await check.end();
    await store.close();
  });
});

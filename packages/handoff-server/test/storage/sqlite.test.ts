import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { HandoffServerError } from '../../src/internal/errors';
import { generateEncryptionKey } from '../../src/storage/crypto';
import { translateSqliteError } from '../../src/storage/sqlite/context';
import { migrateSqlite, SQLITE_MIGRATIONS } from '../../src/storage/sqlite/migrations';
import { SqliteConversationStore } from '../../src/storage/sqlite/store';
import { testKeyRing } from '../support/keys';

const dir = mkdtempSync(join(tmpdir(), 'baton-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let counter = 0;
const nextFile = () => {
  counter += 1;
  return join(dir, `t-${counter}.db`);
};

/** Worker threads load the TypeScript worker through tsx's loader hooks (registered per thread). */
const WORKER_FILE = new URL('../support/claim-worker.ts', import.meta.url).href;
const WORKER_BOOT = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(WORKER_FILE)}); })`;

const SECRET_TEXT = 'my-unique-symptom-xyzzy';

describe('SQLite store', () => {
  it('runs in WAL mode and records applied migrations once', async () => {
    const filename = nextFile();
    const keyRing = testKeyRing();
    const a = new SqliteConversationStore({ filename, keyRing });
    const b = new SqliteConversationStore({ filename, keyRing });
    expect(a.db.pragma('journal_mode', { simple: true })).toBe('wal');
    // FULL (2): a commit is on disk before the ack, even on power loss.
    expect(a.db.pragma('synchronous', { simple: true })).toBe(2);
    expect(b.db.prepare('SELECT version FROM schema_migrations ORDER BY version').all()).toEqual(
      SQLITE_MIGRATIONS.map((m) => ({ version: m.version })),
    );
    await a.close();
    await b.close();
  });

  it('upgrades a file written by the previous schema: old live rows get a last activity', async () => {
    const filename = nextFile();
    const keyRing = testKeyRing();
    const old = new Database(filename);
    migrateSqlite(old, SQLITE_MIGRATIONS.slice(0, 1));
    old
      .prepare(
        `INSERT INTO conversations (id, patient_id, state, priority, created_at, updated_at, version)
         VALUES ('c1', 'p1', 'handoff_requested', 'routine', '2026-01-01T00:00:00.000Z',
         '2026-01-01T00:00:05.000Z', 1)`,
      )
      .run();
    old.close();
    const store = new SqliteConversationStore({ filename, keyRing });
    expect(await store.lastActivity('c1')).toBe('2026-01-01T00:00:05.000Z');
    expect(await store.ensureSchedule('idle', 'c1', '2026-01-01T00:30:05.000Z')).toBe(true);
    await store.close();
  });

  it('keeps message bodies, transcripts and survey answers out of the file in plaintext', async () => {
    const filename = nextFile();
    const store = new SqliteConversationStore({ filename, keyRing: testKeyRing() });
    await store.createHandoff({
      conversationId: 'c1',
      patientId: 'p1',
      priority: 'routine',
      transcript: {
        entries: [
          {
            id: 'e1',
            from: 'patient',
            at: '2026-01-01T00:00:00.000Z',
            text: `transcript ${SECRET_TEXT}`,
          },
        ],
      },
      entry: {
        clientMessageId: 'm1',
        from: 'patient',
        senderId: 'p1',
        body: `body ${SECRET_TEXT}`,
      },
      reopenFrom: [],
    });
    await store.saveSurvey({ id: 's', title: 't', questions: [] });
    await store.recordSurveyResponse({
      id: 'r1',
      surveyId: 's',
      conversationId: 'c1',
      patientId: 'p1',
      answers: { why: `answer ${SECRET_TEXT}` },
    });
    expect((await store.listMessages('c1'))[0]?.body).toBe(`body ${SECRET_TEXT}`);
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    await store.close();
    const bytes = readFileSync(filename);
    expect(bytes.includes(Buffer.from('p1'))).toBe(true); // the file is readable: ids are there
    expect(bytes.includes(Buffer.from(SECRET_TEXT))).toBe(false);
  });

  it('reads rows sealed with an old key after rotation, and writes with the new one', async () => {
    const filename = nextFile();
    const k1 = generateEncryptionKey();
    const before = new SqliteConversationStore({
      filename,
      keyRing: { activeKeyId: 'k1', keys: { k1 } },
    });
    await before.createConversation({ id: 'c1', patientId: 'p1' });
    await before.appendMessage('c1', {
      clientMessageId: 'm1',
      from: 'patient',
      senderId: 'p1',
      body: 'before',
    });
    await before.close();
    const after = new SqliteConversationStore({
      filename,
      keyRing: { activeKeyId: 'k2', keys: { k1, k2: generateEncryptionKey() } },
    });
    await after.appendMessage('c1', {
      clientMessageId: 'm2',
      from: 'patient',
      senderId: 'p1',
      body: 'after',
    });
    expect((await after.listMessages('c1')).map((m) => m.body)).toEqual(['before', 'after']);
    expect(after.db.prepare('SELECT key_id FROM messages ORDER BY seq').all()).toEqual([
      { key_id: 'k1' },
      { key_id: 'k2' },
    ]);
    await after.close();
  });

  it('fails with a typed error when ciphertexts are swapped between rows', async () => {
    const store = new SqliteConversationStore({ filename: nextFile(), keyRing: testKeyRing() });
    await store.createConversation({ id: 'c1', patientId: 'p1' });
    await store.appendMessage('c1', {
      clientMessageId: 'm1',
      from: 'patient',
      senderId: 'p1',
      body: 'first',
    });
    await store.appendMessage('c1', {
      clientMessageId: 'm2',
      from: 'patient',
      senderId: 'p1',
      body: 'second',
    });
    store.db.exec(
      `UPDATE messages SET body = (SELECT body FROM messages WHERE seq = 2) WHERE seq = 1`,
    );
    const error = await store.listMessages('c1').catch((e: unknown) => e);
    expect(HandoffServerError.is(error, 'decryption_failed')).toBe(true);
    await store.close();
  });

  it('forbids UPDATE and DELETE on the audit log at the database level', async () => {
    const store = new SqliteConversationStore({ filename: nextFile(), keyRing: testKeyRing() });
    await store.appendAudit({
      action: 'transcript.view',
      outcome: 'allowed',
      actorId: 'a1',
      actorRole: 'agent',
      conversationId: 'c1',
    });
    expect(() => store.db.exec(`UPDATE audit_log SET actor_id = 'someone-else'`)).toThrow(
      /append-only/,
    );
    expect(() => store.db.exec('DELETE FROM audit_log')).toThrow(/append-only/);
    expect((await store.queryAudit({}))[0]?.actorId).toBe('a1');
    await store.close();
  });

  it('turns constraint errors into typed errors and keeps the driver error as cause', async () => {
    const store = new SqliteConversationStore({ filename: nextFile(), keyRing: testKeyRing() });
    await store.createConversation({ id: 'c1', patientId: 'p1' });
    const duplicate = await store
      .createConversation({ id: 'c1', patientId: 'p2' })
      .catch((e: unknown) => e);
    expect(HandoffServerError.is(duplicate, 'conflict')).toBe(true);
    expect((duplicate as Error).cause).toMatchObject({ code: 'SQLITE_CONSTRAINT_PRIMARYKEY' });

    await store.addSlots([
      { id: 's1', startsAt: '2026-03-02T09:00:00.000Z', endsAt: '2026-03-02T09:30:00.000Z' },
    ]);
    let raw: unknown;
    try {
      store.db
        .prepare(
          `INSERT INTO appointment_bookings (slot_id, conversation_id, patient_id, booked_at)
           VALUES ('s1', 'ghost', 'p1', '2026-01-01T00:00:00.000Z')`,
        )
        .run();
    } catch (error) {
      raw = error;
    }
    expect(raw).toMatchObject({ code: 'SQLITE_CONSTRAINT_FOREIGNKEY' });
    const translated = translateSqliteError(raw);
    expect(HandoffServerError.is(translated, 'not_found')).toBe(true);
    expect((translated as Error).cause).toBe(raw);
    const busy = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    expect(translateSqliteError(busy)).toBe(busy);
    await store.close();
  });

  it('lets exactly one claim win across worker threads with their own handles on one file', async () => {
    const filename = nextFile();
    const keyRing = testKeyRing();
    const setup = new SqliteConversationStore({ filename, keyRing });
    const ids = Array.from({ length: 30 }, (_, i) => `c${i}`);
    for (const id of [...ids, 'chat']) {
      await setup.createConversation({ id, patientId: `p-${id}`, state: 'handoff_requested' });
      await setup.enqueue(id, { queue: 'general', priority: 'routine' });
    }
    const workers = Array.from(
      { length: 4 },
      (_, w) =>
        new Promise<{ won: string[]; seqs: number[] }>((resolve, reject) => {
          const worker = new Worker(WORKER_BOOT, {
            eval: true,
            workerData: {
              filename,
              keyRing,
              agentId: `agent-${w}`,
              conversationIds: ids,
              appendTo: 'chat',
            },
          });
          worker.once('message', resolve);
          worker.once('error', reject);
          worker.once(
            'exit',
            (code) => code !== 0 && reject(new Error(`worker exited with ${code}`)),
          );
        }),
    );
    const results = await Promise.all(workers);
    const winners = results.flatMap((r) => r.won);
    expect(winners.sort()).toEqual([...ids].sort());
    for (const id of ids) {
      const c = await setup.getConversation(id);
      const winner = results.findIndex((r) => r.won.includes(id));
      expect(c?.assignedAgentId).toBe(`agent-${winner}`);
    }
    const seqs = results.flatMap((r) => r.seqs).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    await setup.close();
  }, 60_000);
});

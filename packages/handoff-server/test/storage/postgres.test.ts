import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HandoffServerError } from '../../src/internal/errors';
import { generateEncryptionKey, type KeyRingConfig } from '../../src/storage/crypto';
import { translatePgError } from '../../src/storage/postgres/context';
import { POSTGRES_MIGRATIONS } from '../../src/storage/postgres/migrations';
import { PostgresConversationStore } from '../../src/storage/postgres/store';
import { testKeyRing } from '../support/keys';
import { skipWithoutPostgres, startPostgres, type TestPostgres } from '../support/postgres';

const SECRET_TEXT = 'my-unique-symptom-plugh';

describe.skipIf(skipWithoutPostgres)('PostgreSQL store', () => {
  let server: TestPostgres;
  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(async () => {
    await server?.stop();
  });

  async function openMany(count: number, keyRing: KeyRingConfig = testKeyRing()) {
    const url = await server.createDatabase();
    // Open concurrently: migrations must serialise themselves.
    const stores = await Promise.all(
      Array.from({ length: count }, () =>
        PostgresConversationStore.open({ connectionString: url, keyRing }),
      ),
    );
    return { url, stores, close: () => Promise.all(stores.map((s) => s.close())) };
  }

  it('applies migrations once even when several nodes start together', async () => {
    const { url, close } = await openMany(4);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const applied = await client.query('SELECT version FROM schema_migrations ORDER BY version');
    expect(applied.rows).toEqual(POSTGRES_MIGRATIONS.map((m) => ({ version: m.version })));
    await client.end();
    await close();
  });

  it('lets exactly one claim win across many connections from several nodes', async () => {
    const { stores, close } = await openMany(4);
    const [first] = stores;
    const ids = Array.from({ length: 10 }, (_, i) => `c${i}`);
    for (const id of ids) {
      await first!.createConversation({ id, patientId: `p-${id}`, state: 'handoff_requested' });
      await first!.enqueue(id, { queue: 'general', priority: 'routine' });
    }
    const attempts = ids.flatMap((id) =>
      stores.flatMap((store, node) =>
        Array.from({ length: 3 }, (_, k) => ({ id, agent: `agent-${node}-${k}`, store })),
      ),
    );
    const results = await Promise.all(
      attempts.map((a) =>
        a.store.updateState(a.id, {
          expected: 'queued',
          next: 'assigned',
          assignedAgentId: a.agent,
        }),
      ),
    );
    for (const id of ids) {
      const won = results.filter((r, i) => attempts[i]!.id === id && r.ok);
      expect(won).toHaveLength(1);
      const conversation = await first!.getConversation(id);
      expect(won[0]!.ok && won[0]!.conversation.assignedAgentId).toBe(
        conversation?.assignedAgentId,
      );
    }
    expect(await first!.listQueue('general')).toEqual([]);
    await close();
  });

  it('assigns gapless seqs to concurrent appends from several nodes', async () => {
    const { stores, close } = await openMany(3);
    await stores[0]!.createConversation({ id: 'chat', patientId: 'p1' });
    const sends = stores.flatMap((store, node) =>
      Array.from({ length: 20 }, (_, i) =>
        store.appendMessage('chat', {
          clientMessageId: `m${i % 15}-${node % 2}`,
          from: 'patient',
          senderId: 'p1',
          body: `text ${i}`,
        }),
      ),
    );
    const results = await Promise.all(sends);
    const listed = await stores[1]!.listMessages('chat');
    expect(listed.map((m) => m.seq)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(results.filter((r) => !r.duplicate)).toHaveLength(30);
    await close();
  });

  it('stores only ciphertext for bodies, transcripts and survey answers; key id per row', async () => {
    const k1 = generateEncryptionKey();
    const url = await server.createDatabase();
    const before = await PostgresConversationStore.open({
      connectionString: url,
      keyRing: { activeKeyId: 'k1', keys: { k1 } },
    });
    await before.createHandoff({
      conversationId: 'c1',
      patientId: 'p1',
      priority: 'routine',
      transcript: {
        entries: [
          { id: 'e1', from: 'bot', at: '2026-01-01T00:00:00.000Z', text: `t ${SECRET_TEXT}` },
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
    await before.saveSurvey({ id: 's', title: 't', questions: [] });
    await before.recordSurveyResponse({
      id: 'r1',
      surveyId: 's',
      conversationId: 'c1',
      patientId: 'p1',
      answers: { why: SECRET_TEXT },
    });
    await before.close();

    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const raw =
      await client.query(`SELECT body::text AS v FROM messages UNION ALL SELECT data::text FROM transcripts
      UNION ALL SELECT answers::text FROM survey_responses`);
    expect(raw.rows).toHaveLength(3);
    const hex = Buffer.from(SECRET_TEXT).toString('hex');
    for (const row of raw.rows as { v: string }[]) expect(row.v.toLowerCase()).not.toContain(hex);
    const dump = JSON.stringify((await client.query('SELECT * FROM messages')).rows);
    expect(dump).not.toContain(SECRET_TEXT);

    const after = await PostgresConversationStore.open({
      connectionString: url,
      keyRing: { activeKeyId: 'k2', keys: { k1, k2: generateEncryptionKey() } },
    });
    await after.appendMessage('c1', {
      clientMessageId: 'm2',
      from: 'agent',
      senderId: 'a1',
      body: 'after rotation',
    });
    expect((await after.listMessages('c1')).map((m) => m.body)).toEqual([
      `body ${SECRET_TEXT}`,
      'after rotation',
    ]);
    expect((await after.getTranscript('c1'))?.entries[0]?.text).toBe(`t ${SECRET_TEXT}`);
    expect((await client.query('SELECT key_id FROM messages ORDER BY seq')).rows).toEqual([
      { key_id: 'k1' },
      { key_id: 'k2' },
    ]);

    await client.query(
      'UPDATE messages SET body = (SELECT body FROM messages WHERE seq = 2) WHERE seq = 1',
    );
    await client.query(`UPDATE messages SET key_id = 'k2' WHERE seq = 1`);
    expect(
      HandoffServerError.is(
        await after.listMessages('c1').catch((e: unknown) => e),
        'decryption_failed',
      ),
    ).toBe(true);
    await client.end();
    await after.close();
  });

  it('types a lost or refused connection as retryable store_unavailable', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), {
      code: 'ECONNREFUSED',
    });
    const shutdown = Object.assign(new Error('terminating connection'), { code: '57P01' });
    for (const error of [refused, shutdown, new Error('Connection terminated unexpectedly')]) {
      const typed = translatePgError(error);
      expect(HandoffServerError.is(typed, 'store_unavailable')).toBe(true);
      expect((typed as Error).cause).toBe(error);
    }
  });

  it('turns constraint errors into typed errors and keeps the driver error as cause', async () => {
    const { url, stores, close } = await openMany(1);
    const store = stores[0]!;
    await store.createConversation({ id: 'c1', patientId: 'p1' });
    const duplicate = await store
      .createConversation({ id: 'c1', patientId: 'p2' })
      .catch((e: unknown) => e);
    expect(HandoffServerError.is(duplicate, 'conflict')).toBe(true);
    expect((duplicate as Error).cause).toMatchObject({ code: '23505' });

    await store.addSlots([
      { id: 's1', startsAt: '2026-03-02T09:00:00.000Z', endsAt: '2026-03-02T09:30:00.000Z' },
    ]);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const raw = await client
      .query(
        `INSERT INTO appointment_bookings (slot_id, conversation_id, patient_id, booked_at)
         VALUES ('s1', 'ghost', 'p1', now())`,
      )
      .catch((e: unknown) => e);
    await client.end();
    expect(raw).toMatchObject({ code: '23503' });
    const translated = translatePgError(raw);
    expect(HandoffServerError.is(translated, 'not_found')).toBe(true);
    expect((translated as Error).cause).toBe(raw);
    const other = Object.assign(new Error('deadlock detected'), { code: '40P01' });
    expect(translatePgError(other)).toBe(other);
    await close();
  });

  it('forbids UPDATE, DELETE and TRUNCATE on the audit log at the database level', async () => {
    const { url, stores, close } = await openMany(1);
    await stores[0]!.appendAudit({
      action: 'transcript.export',
      outcome: 'allowed',
      actorId: 'a1',
      actorRole: 'agent',
      conversationId: 'c1',
    });
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await expect(client.query(`UPDATE audit_log SET actor_id = 'x'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(client.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    await expect(client.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
    expect((await stores[0]!.queryAudit({}))[0]?.actorId).toBe('a1');
    await client.end();
    await close();
  });
});

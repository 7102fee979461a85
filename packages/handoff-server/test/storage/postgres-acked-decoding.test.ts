import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { integerArray, textArray } from '../../src/storage/postgres/array-literals';
import { ackedPathTypes, isoFromTimestamptz } from '../../src/storage/postgres/row-types';
import { PostgresConversationStore } from '../../src/storage/postgres/store';
import { testKeyRing } from '../support/keys';
import { skipWithoutPostgres, startPostgres, type TestPostgres } from '../support/postgres';

// Issue #11: what the acked path's statements send and decode, against a real PostgreSQL.
// The parameters are array literals built by the store, the replies carry only what the
// record needs, and each timestamp is decoded once, straight to the record's ISO string.

/** The rows each named statement answered with, captured at the driver. */
function captureReplies(pool: pg.Pool): Map<string, Record<string, unknown>[][]> {
  const replies = new Map<string, Record<string, unknown>[][]>();
  const query = pool.query.bind(pool) as (...args: unknown[]) => Promise<pg.QueryResult>;
  pool.query = (async (...args: unknown[]) => {
    const result = await query(...args);
    const name = (args[0] as { name?: string }).name;
    if (name) replies.set(name, [...(replies.get(name) ?? []), result.rows]);
    return result;
  }) as typeof pool.query;
  return replies;
}

describe.skipIf(skipWithoutPostgres)('PostgreSQL acked path: what is sent and decoded', () => {
  let server: TestPostgres;
  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('sends text and integer arrays PostgreSQL reads back element for element', async () => {
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    try {
      const texts = [
        'plain',
        'a "quoted" word',
        'back\\slash\\',
        'NULL',
        '',
        '{a,b}',
        ' spaced ',
        'é 🙂',
        ',',
        '\\"',
      ];
      const back = await client.query('SELECT $1::text[] AS t, $2::integer[] AS n', [
        textArray(texts),
        integerArray([0, 1, -7, 2_147_483_647]),
      ]);
      expect(back.rows[0].t).toEqual(texts);
      expect(back.rows[0].n).toEqual([0, 1, -7, 2_147_483_647]);
      expect((await client.query('SELECT $1::text[] AS t', [textArray([])])).rows[0].t).toEqual([]);
      expect(() => integerArray([1.5])).toThrow(TypeError);
    } finally {
      await client.end();
    }
  });

  it('decodes timestamps to the ISO string pg and Date would give, in any session time zone', async () => {
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    const values = [
      '2026-12-06T18:42:07.262Z',
      '2026-12-06T18:42:07.260Z',
      '2026-12-06T18:42:07.000Z',
      '2026-12-06T18:42:07.123456Z',
      '2026-12-06T18:42:07.999999Z',
      '1999-01-01T00:00:00.5Z',
      '0099-03-04T05:06:07.008Z',
    ];
    try {
      for (const zone of ['UTC', 'Asia/Kolkata', 'America/St_Johns']) {
        await client.query(`SET TimeZone = '${zone}'`);
        const sql = 'SELECT v::timestamptz AS at FROM unnest($1::text[]) AS v';
        const standard = await client.query(sql, [values]);
        const fast = await client.query({ text: sql, values: [values], types: ackedPathTypes });
        const expected = standard.rows.map((row) => (row.at as Date).toISOString());
        const decoded = fast.rows.map((row) => row.at);
        // The same instant to the millisecond; a string (no Date built) where the session is UTC.
        expect(decoded.map((at) => (at instanceof Date ? at.toISOString() : at))).toEqual(expected);
        if (zone === 'UTC') for (const at of decoded) expect(typeof at).toBe('string');
      }
      expect(isoFromTimestamptz('infinity')).toBe(Number.POSITIVE_INFINITY);
    } finally {
      await client.end();
    }
  });

  it('answers an insert with its conversation only and a read with the record columns', async () => {
    const pool = new pg.Pool({ connectionString: await server.createDatabase(), max: 20 });
    const store = await PostgresConversationStore.open({ pool, keyRing: testKeyRing() });
    const ids = Array.from({ length: 30 }, (_, i) => `c-${i}`);
    const send = (id: string, n: number) =>
      store.appendMessage(id, {
        clientMessageId: `${id}-m-${n}`,
        from: 'patient',
        senderId: `p-${id}`,
        body: `${id} "says" \\ ${n}`,
      });
    try {
      for (const id of ids) {
        await store.createConversation({ id, patientId: `p-${id}` });
        await send(id, 0); // this node learns each last seq
      }
      const replies = captureReplies(pool);
      const [records, appended] = await Promise.all([
        Promise.all(ids.map((id) => store.getConversation(id))),
        Promise.all(ids.map((id) => send(id, 1))),
      ]);

      // Reads: one statement for the 30 asked in one turn, one row each, the record's columns,
      // timestamps already strings; the record is the one a full read decodes.
      const reads = replies.get('baton_conversations_by_ids') ?? [];
      expect(reads.length).toBe(1);
      expect(reads[0]!.length).toBe(ids.length);
      expect(Object.keys(reads[0]![0]!).sort()).toEqual(
        [
          'assigned_agent_id',
          'created_at',
          'ended_at',
          'id',
          'patient_id',
          'priority',
          'queue',
          'state',
          'updated_at',
          'version',
        ].sort(),
      );
      expect(typeof reads[0]![0]!.created_at).toBe('string');
      const listed = await store.listConversations({ patientId: 'p-c-3' });
      expect(records[3]).toEqual(listed[0]);

      // Appends: the inserts come back with no ciphertext and no timestamp to decode, and the
      // records the store returns are the ones it stored.
      const batches = replies.get('baton_append_many') ?? [];
      expect(batches.length).toBeGreaterThan(0);
      const rows = batches.flat();
      expect(rows.length).toBe(ids.length);
      for (const row of rows) {
        expect(row).toMatchObject({ duplicate: false, body: null, created_at: null, seq: null });
      }
      for (const [i, id] of ids.entries()) {
        const stored = await store.listMessages(id);
        expect(stored.map((m) => m.seq)).toEqual([1, 2]);
        expect(appended[i]).toEqual({ message: stored[1], duplicate: false });
      }

      // A repeat of a client id answers with the stored row, opened: the same record.
      replies.clear();
      const repeated = await Promise.all(ids.map((id) => send(id, 1)));
      const duplicates = (replies.get('baton_append_many') ?? []).flat();
      expect(duplicates.length).toBe(ids.length);
      for (const row of duplicates) {
        expect(row.duplicate).toBe(true);
        expect(Buffer.isBuffer(row.body)).toBe(true);
        expect(typeof row.created_at).toBe('string');
      }
      for (const [i, result] of repeated.entries()) {
        expect(result).toEqual({ message: appended[i]!.message, duplicate: true });
      }
    } finally {
      await store.close();
      await pool.end();
    }
  });
});

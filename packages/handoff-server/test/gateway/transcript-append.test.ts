import { rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { agentMessage, patientMessage, type TranscriptEntry } from '@baton/handoff-protocol';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { ConversationStore } from '../../src/storage/contract';
import { PostgresConversationStore } from '../../src/storage/postgres/store';
import { SqliteConversationStore } from '../../src/storage/sqlite/store';
import { handoffRequestFrame } from '../support/frames';
import { testKeyRing } from '../support/keys';
import { skipWithoutPostgres, startPostgres, type TestPostgres } from '../support/postgres';
import { connectAgent, connectPatient, startTestServer, type TestServer } from '../support/server';

// Bot replies the patient saw after asking for a person (emergency advice given while
// waiting) are appended to the conversation log: sequenced, shown to the agent as the bot's,
// hidden from the patient (who saw them already). Against SQLite and PostgreSQL.

let postgres: TestPostgres | undefined;
afterAll(async () => {
  await postgres?.stop();
});

const stores: [string, () => Promise<{ store: ConversationStore; cleanup: () => void }>][] = [
  [
    'sqlite',
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'baton-append-'));
      const store = new SqliteConversationStore({
        filename: join(dir, 'baton.db'),
        keyRing: testKeyRing(),
      });
      return { store, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
    },
  ],
];
if (!skipWithoutPostgres)
  stores.push([
    'postgres',
    async () => {
      postgres ??= await startPostgres();
      const store = await PostgresConversationStore.open({
        connectionString: await postgres.createDatabase(),
        keyRing: testKeyRing(),
      });
      return { store, cleanup: () => undefined };
    },
  ]);

const ADVICE: TranscriptEntry = {
  id: 'act-9',
  from: 'bot',
  at: '2026-01-05T10:01:00.000Z',
  text: 'Call **911** now if the pain spreads.',
  textFormat: 'markdown',
};

const append = (conversationId: string, clientMessageId: string, entry: TranscriptEntry) =>
  patientMessage('transcript.append', { conversationId, clientMessageId, entry });

describe.each(stores)('transcript.append on %s', (_name, open) => {
  let test: TestServer;
  let cleanups: (() => Promise<unknown> | unknown)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    cleanups = [];
  });

  async function server() {
    const { store, cleanup } = await open();
    test = await startTestServer({ store, timeouts: { unstaffedFallbackMs: 600_000 } });
    cleanups.push(cleanup, () => test.close());
  }

  async function patient(id: string) {
    const client = await connectPatient(test.url, await test.tokens.patient(id));
    cleanups.push(() => client.close());
    return client;
  }

  async function agent() {
    const token = await test.tokens.staff('amelie', ['agent'], ['cardiology']);
    const client = await connectAgent(test.url, token);
    cleanups.push(() => client.close());
    client.send(agentMessage('presence', { presence: 'available' }));
    client.send(agentMessage('queue.subscribe', {}));
    await client.waitFor('queue.snapshot');
    return client;
  }

  it('logs the bot reply in order for the agent, as the bot, and hides it from the patient', async () => {
    await server();
    const staff = await agent();
    const alex = await patient('pat-1');
    alex.send(handoffRequestFrame('c1'));
    await alex.waitFor('ack', (a) => a.clientMessageId === 'req-c1');
    alex.send(append('c1', 'adv-1', ADVICE));
    const acked = await alex.waitFor('ack', (a) => a.clientMessageId === 'adv-1');
    expect(acked.seq).toBeGreaterThan(0);
    // The patient gets a hole-filler for that seq, never the text again.
    await alex.waitFor('log.hidden', (h) => h.seq === acked.seq);
    expect(alex.of('message')).toEqual([]);

    await staff.waitFor(
      'queue.update',
      (u) => u.change.op === 'upsert' && u.change.item.conversationId === 'c1',
    );
    staff.send(agentMessage('conversation.claim', { conversationId: 'c1' }));
    await staff.waitFor('conversation.assigned');
    staff.send(agentMessage('conversation.open', { conversationId: 'c1' }));
    const opened = await staff.waitFor('conversation.transcript');
    expect(opened.log.find((entry) => entry.seq === acked.seq)).toMatchObject({
      kind: 'message',
      from: 'bot',
      text: 'Call **911** now if the pain spreads.',
      textFormat: 'markdown',
    });

    // Live, once an agent watches: a `message` from the bot.
    alex.send(append('c1', 'adv-2', { ...ADVICE, id: 'act-10', text: 'Stay seated.' }));
    const live = await staff.waitFor('message', (m) => m.text === 'Stay seated.');
    expect(live.from).toBe('bot');
    // The same client id again is the same record (a resend), not a second line.
    alex.send(append('c1', 'adv-2', { ...ADVICE, id: 'act-10', text: 'Stay seated.' }));
    const adv2 = () => alex.of('ack').filter((a) => a.clientMessageId === 'adv-2');
    await alex.waitFor('ack', () => adv2().length === 2);
    expect(new Set(adv2().map((a) => a.seq)).size).toBe(1);
  });

  it('refuses a non-bot entry and another patient’s conversation; nothing is logged', async () => {
    await server();
    const alex = await patient('pat-1');
    alex.send(handoffRequestFrame('c1'));
    const request = await alex.waitFor('ack', (a) => a.clientMessageId === 'req-c1');
    alex.send(append('c1', 'fake-1', { ...ADVICE, from: 'agent' }));
    expect(await alex.waitFor('error')).toMatchObject({ code: 'invalid_message' });
    const mallory = await patient('pat-2');
    mallory.send(append('c1', 'evil-1', ADVICE));
    expect(await mallory.waitFor('error')).toMatchObject({ code: 'forbidden' });
    const log = await test.store.listMessages('c1', { afterSeq: 0, limit: 50 });
    expect(log.filter((record) => record.from === 'bot')).toEqual([]);
    expect(log.every((record) => record.seq <= request.seq + 1)).toBe(true);
  });
});

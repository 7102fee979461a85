import { rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { agentMessage, patientMessage } from '@baton/handoff-protocol';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { ConversationStore } from '../../src/storage/contract';
import { PostgresConversationStore } from '../../src/storage/postgres/store';
import { SqliteConversationStore } from '../../src/storage/sqlite/store';
import { handoffRequestFrame } from '../support/frames';
import { testKeyRing } from '../support/keys';
import { skipWithoutPostgres, startPostgres, type TestPostgres } from '../support/postgres';
import { connectAgent, connectPatient, startTestServer, type TestServer } from '../support/server';

// The patient panel's history: staff who may see a conversation list the patient's earlier
// ones (bounded, newest first) and open one read-only; every list and opening is audited,
// another patient's conversation is refused and the refusal audited. SQLite and PostgreSQL.

let postgres: TestPostgres | undefined;
afterAll(async () => {
  await postgres?.stop();
});

const stores: [string, () => Promise<{ store: ConversationStore; cleanup: () => void }>][] = [
  [
    'sqlite',
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'baton-history-'));
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

describe.each(stores)('patient history on %s', (_name, open) => {
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

  it('lists and opens the patient’s earlier conversations, audited; refuses another patient’s', async () => {
    await server();
    const staff = await agent();
    const alex = await patient('pat-1');
    alex.send(handoffRequestFrame('c-old'));
    await alex.waitFor('ack', (a) => a.clientMessageId === 'req-c-old');
    alex.send(
      patientMessage('message', {
        conversationId: 'c-old',
        clientMessageId: 'm1',
        text: 'Earlier question',
      }),
    );
    await alex.waitFor('ack', (a) => a.clientMessageId === 'm1');
    alex.send(patientMessage('leave', { conversationId: 'c-old' }));
    await eventuallyState('c-old');
    const sam = await patient('pat-2');
    sam.send(handoffRequestFrame('c-sam'));
    await sam.waitFor('ack', (a) => a.clientMessageId === 'req-c-sam');
    alex.send(handoffRequestFrame('c-new'));
    await alex.waitFor('ack', (a) => a.clientMessageId === 'req-c-new');
    await staff.waitFor(
      'queue.update',
      (u) => u.change.op === 'upsert' && u.change.item.conversationId === 'c-new',
    );
    staff.send(agentMessage('conversation.claim', { conversationId: 'c-new' }));
    await staff.waitFor('conversation.assigned', (f) => f.conversationId === 'c-new');

    staff.send(agentMessage('patient.history', { conversationId: 'c-new' }));
    const history = await staff.waitFor('patient.history');
    expect(history.conversations.map((c) => c.conversationId)).toEqual(['c-old']);

    staff.send(
      agentMessage('patient.history.open', {
        conversationId: 'c-new',
        pastConversationId: 'c-old',
      }),
    );
    const opened = await staff.waitFor('patient.history.transcript');
    expect(opened.pastConversationId).toBe('c-old');
    expect(opened.log.some((e) => e.from === 'patient' && e.text === 'Earlier question')).toBe(
      true,
    );

    staff.send(
      agentMessage('patient.history.open', {
        conversationId: 'c-new',
        pastConversationId: 'c-sam',
      }),
    );
    expect(await staff.waitFor('error')).toMatchObject({ code: 'forbidden' });
    expect(staff.of('patient.history.transcript')).toHaveLength(1);

    const audit = await test.store.queryAudit({ actorId: 'amelie', limit: 100 });
    const historyAudit = audit.filter((r) => r.action.startsWith('history.'));
    expect(historyAudit.map((r) => [r.action, r.outcome, r.conversationId, r.targetId])).toEqual([
      ['history.list', 'allowed', 'c-new', 'c-new'],
      ['history.view', 'allowed', 'c-old', 'c-new'],
      ['history.view', 'denied', 'c-sam', 'c-new'],
    ]);
  });

  it('refuses history to staff who may not see the conversation, audited', async () => {
    await server();
    const alex = await patient('pat-1');
    alex.send(handoffRequestFrame('c-1'));
    await alex.waitFor('ack', (a) => a.clientMessageId === 'req-c-1');
    const token = await test.tokens.staff('outsider', ['agent'], ['billing']);
    const outsider = await connectAgent(test.url, token);
    cleanups.push(() => outsider.close());
    outsider.send(agentMessage('patient.history', { conversationId: 'c-1' }));
    expect(await outsider.waitFor('error')).toMatchObject({ code: 'forbidden' });
    const audit = await test.store.queryAudit({ actorId: 'outsider', limit: 10 });
    expect(audit.some((r) => r.outcome === 'denied' && r.conversationId === 'c-1')).toBe(true);
    expect(audit.some((r) => r.action.startsWith('history.'))).toBe(false);
  });

  async function eventuallyState(id: string) {
    for (let attempt = 0; attempt < 100; attempt++) {
      const record = await test.store.getConversation(id);
      if (record && record.state !== 'handoff_requested' && record.state !== 'queued') return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`${id} is still live`);
  }
});

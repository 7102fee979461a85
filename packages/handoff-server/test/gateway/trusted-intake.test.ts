import { rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { agentMessage, type PatientAttribute, patientMessage } from '@baton/handoff-protocol';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { ConversationStore } from '../../src/storage/contract';
import { PostgresConversationStore } from '../../src/storage/postgres/store';
import { SqliteConversationStore } from '../../src/storage/sqlite/store';
import { handoffRequestFrame, sampleRequest } from '../support/frames';
import { testKeyRing } from '../support/keys';
import { skipWithoutPostgres, startPostgres, type TestPostgres } from '../support/postgres';
import { connectAgent, connectPatient, startTestServer, type TestServer } from '../support/server';

// What staff see about a patient comes from signed sources only; what the browser says is
// kept apart and labelled. Priority is the server's, one live handoff per patient, and the
// transcript bound of the spec is enforced. Against SQLite and PostgreSQL.

const VERIFIED: PatientAttribute = {
  key: 'plan',
  label: 'Insurance plan',
  value: 'PLAN-GOLD-7',
  displayable: true,
  clinical: false,
};
const STATED: PatientAttribute = {
  key: 'identityVerified',
  label: 'Identity verified',
  value: 'yes',
  displayable: true,
  clinical: false,
};

let postgres: TestPostgres | undefined;
afterAll(async () => {
  await postgres?.stop();
});

const stores: [string, () => Promise<{ store: ConversationStore; cleanup: () => void }>][] = [
  [
    'sqlite',
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'baton-intake-'));
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

describe.each(stores)('handoff intake on %s', (_name, open) => {
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
    return test;
  }

  async function agent(clinical = false) {
    const client = await connectAgent(
      test.url,
      await test.tokens.staff(`agent-${clinical}`, ['agent'], ['cardiology'], { clinical }),
    );
    cleanups.push(() => client.close());
    client.send(agentMessage('queue.subscribe', {}));
    await client.waitFor('queue.snapshot');
    return client;
  }

  async function patient(id: string, extra?: { attributes?: PatientAttribute[] }) {
    const client = await connectPatient(test.url, await test.tokens.patient(id, undefined, extra));
    cleanups.push(() => client.close());
    return client;
  }

  it('shows the token’s name and attributes as the patient, the browser’s apart as stated', async () => {
    await server();
    const staff = await agent();
    const alex = await patient('pat-1', { attributes: [VERIFIED] });
    const request = sampleRequest({
      patient: {
        patientId: 'pat-1',
        displayName: 'Dr. Impostor',
        locale: 'en',
        attributes: [STATED],
      },
    });
    alex.send(handoffRequestFrame('c1', 'req-c1', request));
    await alex.waitFor('ack');
    const update = await staff.waitFor('queue.update', (u) => u.change.op === 'upsert');
    expect(update.change).toMatchObject({
      op: 'upsert',
      item: { patientDisplayName: 'Alex Martin', patientStatedName: 'Dr. Impostor' },
    });
    staff.send(agentMessage('conversation.claim', { conversationId: 'c1' }));
    const assigned = await staff.waitFor('conversation.assigned');
    expect(assigned.request.patient).toEqual({
      patientId: 'pat-1',
      displayName: 'Alex Martin',
      locale: 'en',
      attributes: [VERIFIED],
    });
    expect(assigned.request.statedByPatient).toEqual({
      displayName: 'Dr. Impostor',
      attributes: [STATED],
    });
    // The same after a fresh read from the store (transcript on open).
    staff.send(agentMessage('conversation.open', { conversationId: 'c1' }));
    const transcript = await staff.waitFor('conversation.transcript');
    expect(transcript.request.patient.displayName).toBe('Alex Martin');
    expect(transcript.request.statedByPatient?.displayName).toBe('Dr. Impostor');
  });

  it('refuses a second live handoff of the same patient with handoff_in_progress', async () => {
    await server();
    const first = await patient('pat-1');
    first.send(handoffRequestFrame('c1'));
    await first.waitFor('ack');
    const second = await patient('pat-1');
    second.send(handoffRequestFrame('c2'));
    const refused = await second.waitFor('error');
    expect(refused).toMatchObject({ code: 'handoff_in_progress', clientMessageId: 'req-c2' });
    expect(await test.store.getConversation('c2')).toBeNull();
    // The same conversation again is a duplicate, not a second handoff; another patient is free.
    first.send(handoffRequestFrame('c1'));
    await first.waitFor('ack', (a) => a.clientMessageId === 'req-c1' && first.of('ack').length > 1);
    const other = await patient('pat-2');
    other.send(handoffRequestFrame('c3'));
    expect(await other.waitFor('ack')).toMatchObject({ conversationId: 'c3' });
    // Once the first has ended, the patient may ask again.
    first.send(patientMessage('leave', { conversationId: 'c1' }));
    await first.waitFor('handoff.ended');
    second.send(handoffRequestFrame('c2', 'req-c2-again'));
    expect(await second.waitFor('ack')).toMatchObject({ conversationId: 'c2' });
  });

  it('lets only one of two simultaneous requests from two tabs through', async () => {
    await server();
    const [a, b] = [await patient('pat-1'), await patient('pat-1')];
    a.send(handoffRequestFrame('c-a'));
    b.send(handoffRequestFrame('c-b'));
    const answer = (client: typeof a) =>
      Promise.race([client.waitFor('ack'), client.waitFor('error')]);
    const answers = (await Promise.all([answer(a), answer(b)])).map((f) => f.type);
    expect(answers.sort()).toEqual(['ack', 'error']);
    const live = await test.store.listConversations({ patientId: 'pat-1' });
    expect(live).toHaveLength(1);
  });

  it('decides priority on the server: an unfounded emergency is downgraded, a red flag raised', async () => {
    await server();
    const staff = await agent();
    const claims = await patient('pat-claims');
    claims.send(handoffRequestFrame('c-claim', 'req-1', sampleRequest({ priority: 'emergency' })));
    await claims.waitFor('ack');
    const flagged = await patient('pat-flag');
    const words = sampleRequest({
      priority: 'routine',
      transcript: {
        entries: [
          { id: 'p1', from: 'patient', at: '2026-01-05T10:00:05.000Z', text: 'I have chest pain' },
        ],
      },
    });
    flagged.send(handoffRequestFrame('c-flag', 'req-2', words));
    await flagged.waitFor('ack');
    const item = async (id: string) =>
      (
        await staff.waitFor(
          'queue.update',
          (u) => u.change.op === 'upsert' && u.change.item.conversationId === id,
        )
      ).change;
    expect(await item('c-claim')).toMatchObject({
      item: {
        priority: 'urgent',
        triage: { requested: 'emergency', decided: 'urgent', basis: 'no-red-flag' },
      },
    });
    const raised = await item('c-flag');
    expect(raised).toMatchObject({
      item: {
        priority: 'emergency',
        triage: { requested: 'routine', decided: 'emergency', basis: 'red-flag' },
      },
    });
    // The phrase itself is health information: never in a queue item.
    expect(JSON.stringify(raised)).not.toContain('chest pain');
    expect((await test.store.getConversation('c-flag'))?.priority).toBe('emergency');
    expect((await test.store.getConversation('c-claim'))?.priority).toBe('urgent');
  });

  it('refuses a transcript over the spec’s byte bound, storing nothing', async () => {
    await server();
    const alex = await patient('pat-1');
    const entries = Array.from({ length: 40 }, (_, i) => ({
      id: `p${i}`,
      from: 'patient' as const,
      at: '2026-01-05T10:00:05.000Z',
      text: 'x'.repeat(8000),
    }));
    alex.send(handoffRequestFrame('c1', 'req-c1', sampleRequest({ transcript: { entries } })));
    expect(await alex.waitFor('error')).toMatchObject({ code: 'invalid_message' });
    expect(await test.store.getConversation('c1')).toBeNull();
  });
});

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

// Chat actions over real sockets: the server lists free slots, the agents who can take a transfer and the dispositions; the wrap-up is stored;
// a consultation reaches the consulted agent and never the patient.

let postgres: TestPostgres | undefined;
afterAll(async () => {
  await postgres?.stop();
});

const stores: [string, () => Promise<{ store: ConversationStore; cleanup: () => void }>][] = [
  [
    'sqlite',
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'baton-actions-'));
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

const inHours = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();

describe.each(stores)('chat actions on %s', (_name, open) => {
  let cleanups: (() => Promise<unknown> | unknown)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    cleanups = [];
  });

  async function staff(test: TestServer, id: string, queues: string[]) {
    const client = await connectAgent(test.url, await test.tokens.staff(id, ['agent'], queues));
    cleanups.push(() => client.close());
    await client.waitFor('agent.assignments');
    return client;
  }

  async function chatting() {
    const { store, cleanup } = await open();
    const test = await startTestServer({
      store,
      chatActions: {
        dispositions: [
          { code: 'resolved', label: 'Resolved' },
          { code: 'booked', label: 'Appointment booked' },
        ],
      },
    });
    cleanups.push(cleanup, () => test.close());
    await store.addSlots([
      { id: 'slot-late', startsAt: inHours(50), endsAt: inHours(50.5), label: 'Dr. Martin' },
      { id: 'slot-soon', startsAt: inHours(26), endsAt: inHours(26.5), label: 'Dr. Martin' },
      { id: 'slot-past', startsAt: inHours(-2), endsAt: inHours(-1.5), label: 'Dr. Martin' },
    ]);
    const ana = await staff(test, 'ana', ['cardiology']);
    const ben = await staff(test, 'ben', ['cardiology', 'general']);
    const zoe = await staff(test, 'zoe', ['billing']);
    const patient = await connectPatient(test.url, await test.tokens.patient('p1'));
    cleanups.push(() => patient.close());
    patient.send(handoffRequestFrame('c1'));
    await patient.waitFor('handoff.queued');
    ana.send(agentMessage('conversation.claim', { conversationId: 'c1' }));
    await ana.waitFor('conversation.assigned');
    await patient.waitFor('agent.joined');
    return { test, store, ana, ben, zoe, patient };
  }

  it('lists free slots, transfer candidates with load and the dispositions', async () => {
    const { ana, ben, patient } = await chatting();
    ana.send(agentMessage('actions.list', { conversationId: 'c1' }));
    const { actions } = await ana.waitFor('actions.available');
    expect(actions.appointment?.slots.map((s) => s.id)).toEqual(['slot-soon', 'slot-late']);
    // Ben serves cardiology; Zoe (billing) cannot take it, Ana is not her own candidate.
    expect(actions.transfer.agents).toEqual([
      {
        agent: { id: 'ben', displayName: 'Agent ben' },
        presence: 'available',
        queues: ['cardiology', 'general'],
        load: 0,
        capacity: 3,
      },
    ]);
    expect(actions.transfer.queues).toContain('cardiology');
    expect(actions.consult.agents.map((a) => a.agent.id).sort()).toEqual(['ben', 'zoe']);
    expect(actions.wrapUp.dispositions.map((d) => d.code)).toEqual(['resolved', 'booked']);

    // The agent offers the listed slots; the patient books one; both see the confirmation.
    ana.send(
      agentMessage('appointment.offer', {
        conversationId: 'c1',
        clientMessageId: 'offer-1',
        offer: { offerId: 'o1', slots: actions.appointment!.slots },
      }),
    );
    await ana.waitFor('ack', (f) => f.clientMessageId === 'offer-1');
    const offered = await patient.waitFor('appointment.offer');
    expect(offered.offer.slots.map((s) => s.id)).toEqual(['slot-soon', 'slot-late']);
    patient.send(
      patientMessage('appointment.select', {
        conversationId: 'c1',
        clientMessageId: 'pick-1',
        offerId: 'o1',
        slotId: 'slot-soon',
      }),
    );
    expect(await ana.waitFor('appointment.selected')).toMatchObject({ slotId: 'slot-soon' });
    expect((await patient.waitFor('appointment.confirmed')).appointment.status).toBe('booked');
    // Someone else cannot ask (not the holder): refused, nothing listed.
    ben.send(agentMessage('actions.list', { conversationId: 'c1' }));
    expect((await ben.waitFor('error')).code).toBe('forbidden');
    expect(ben.of('actions.available')).toEqual([]);
  });

  it('stores the wrap-up (disposition and summary) and counts it for analytics', async () => {
    const { ana, store, patient } = await chatting();
    ana.send(
      agentMessage('conversation.wrap_up', {
        conversationId: 'c1',
        wrapUp: { disposition: 'nope', summary: 'x' },
      }),
    );
    expect((await ana.waitFor('error')).code).toBe('invalid_message');
    expect(await store.getWrapUp('c1')).toBeNull();
    ana.send(
      agentMessage('conversation.wrap_up', {
        conversationId: 'c1',
        wrapUp: { disposition: 'booked', summary: 'Booked a cardiology follow-up' },
      }),
    );
    await ana.waitFor('wrap_up.saved');
    ana.send(agentMessage('conversation.end', { conversationId: 'c1', reason: 'resolved' }));
    await patient.waitFor('handoff.ended');
    expect(await store.getWrapUp('c1')).toMatchObject({
      agentId: 'ana',
      queue: 'cardiology',
      disposition: 'booked',
      summary: 'Booked a cardiology follow-up',
    });
    const from = new Date(Date.now() - 60_000).toISOString();
    const to = new Date(Date.now() + 60_000).toISOString();
    expect(await store.dispositionCounts({ from, to, queue: 'cardiology' })).toEqual([
      { disposition: 'booked', queue: 'cardiology', agentId: 'ana', count: 1 },
    ]);
  });

  it('consults another agent: notified, reads it (audited), staff-only thread', async () => {
    const { ana, ben, zoe, patient, store } = await chatting();
    // Before any consultation, Ben may not read it.
    ben.send(agentMessage('consult.open', { conversationId: 'c1' }));
    expect((await ben.waitFor('error')).code).toBe('forbidden');

    ana.send(
      agentMessage('consult.request', {
        conversationId: 'c1',
        agentId: 'ben',
        text: 'Could you check the dosage question?',
      }),
    );
    const invited = await ben.waitFor('consult.invited');
    expect(invited).toMatchObject({
      conversationId: 'c1',
      from: { id: 'ana' },
      queue: 'cardiology',
      priority: 'routine',
    });
    ben.send(agentMessage('consult.open', { conversationId: 'c1' }));
    const transcript = await ben.waitFor('conversation.transcript');
    expect(transcript.request.transcript.entries.length).toBeGreaterThan(0);
    ben.send(
      agentMessage('consult.message', {
        conversationId: 'c1',
        consultantId: 'ben',
        clientMessageId: 'cm-1',
        text: 'Half the dose, check with the cardiologist',
      }),
    );
    const reply = await ana.waitFor('consult.message', (f) => f.clientMessageId === 'cm-1');
    expect(reply).toMatchObject({ consultantId: 'ben', author: { id: 'ben' } });
    // Zoe was not consulted: she cannot read it or write in the thread.
    zoe.send(
      agentMessage('consult.message', {
        conversationId: 'c1',
        consultantId: 'zoe',
        clientMessageId: 'cm-2',
        text: 'hello',
      }),
    );
    expect((await zoe.waitFor('error')).code).toBe('forbidden');

    // A message the patient must get, sent after the thread: it arrives, the thread never did.
    ana.send(
      agentMessage('message', { conversationId: 'c1', clientMessageId: 'm-1', text: 'Back!' }),
    );
    await patient.waitFor('message', (f) => f.text === 'Back!');
    const seen = JSON.stringify(patient.frames);
    expect(seen).not.toContain('dosage question');
    expect(seen).not.toContain('Half the dose');
    expect(patient.frames.map((f) => f.type)).not.toContain('consult.message');

    const audit = await store.queryAudit({ actorId: 'ben' });
    expect(audit.map((a) => [a.action, a.outcome, a.reason])).toEqual(
      expect.arrayContaining([
        ['transcript.view', 'denied', 'not_consulted'],
        ['transcript.view', 'allowed', 'consultant'],
      ]),
    );
    expect(await store.queryAudit({ actorId: 'ana' })).toContainEqual(
      expect.objectContaining({ action: 'consult.request', targetId: 'ben' }),
    );
  });

  it('keeps the consultation thread: a reload of either side shows it again, once', async () => {
    const { test, ana, ben } = await chatting();
    ana.send(
      agentMessage('consult.request', {
        conversationId: 'c1',
        agentId: 'ben',
        text: 'Could you check the dosage question?',
      }),
    );
    const question = await ben.waitFor('consult.message');
    ben.send(
      agentMessage('consult.message', {
        conversationId: 'c1',
        consultantId: 'ben',
        clientMessageId: 'cm-1',
        text: 'Half the dose',
      }),
    );
    const answer = await ana.waitFor('consult.message', (f) => f.clientMessageId === 'cm-1');
    // A retry of the same message is not a second line.
    ben.send(
      agentMessage('consult.message', {
        conversationId: 'c1',
        consultantId: 'ben',
        clientMessageId: 'cm-1',
        text: 'Half the dose',
      }),
    );

    // Ana reloads: opening her conversation replays the thread with the ids first delivered.
    const again = await staff(test, 'ana', ['cardiology']);
    again.send(agentMessage('conversation.open', { conversationId: 'c1', sinceSeq: 0 }));
    await again.waitFor('conversation.transcript');
    await again.waitFor('consult.message', (f) => f.id === question.id);
    await again.waitFor('consult.message', (f) => f.id === answer.id);
    // The retried message was stored once: every copy of it carries the first id.
    const lines = new Map(again.of('consult.message').map((f) => [f.id, [f.author.id, f.text]]));
    expect(Object.fromEntries(lines)).toEqual({
      [question.id]: ['ana', 'Could you check the dosage question?'],
      [answer.id]: ['ben', 'Half the dose'],
    });
    expect(await test.server.engine.store.listConsultMessages('c1')).toHaveLength(2);

    // Ben on another device: opening the consultation shows his thread too.
    const benAgain = await staff(test, 'ben', ['cardiology', 'general']);
    benAgain.send(agentMessage('consult.open', { conversationId: 'c1' }));
    await benAgain.waitFor('consult.message', (f) => f.clientMessageId === 'cm-1');
    expect(benAgain.of('consult.message').map((f) => f.text)).toEqual([
      'Could you check the dosage question?',
      'Half the dose',
    ]);
  });
});

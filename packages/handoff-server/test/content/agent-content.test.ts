import { agentMessage, patientMessage, type ServerToAgent } from '@baton/handoff-protocol';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { ConversationStore } from '../../src/storage/contract';
import { PostgresConversationStore } from '../../src/storage/postgres/store';
import { handoffRequestFrame } from '../support/frames';
import { testKeyRing } from '../support/keys';
import { skipWithoutPostgres, startPostgres, type TestPostgres } from '../support/postgres';
import {
  connectAgent,
  connectPatient,
  type FrameClient,
  startTestServer,
  type TestServer,
} from '../support/server';

// Agent content over real socket.io: an admin creates and edits, agents list their
// conversation's queue and send what they inserted, a non-admin's edit is refused and
// audited, and what was sent before an edit stays as sent.

let postgres: TestPostgres | undefined;
afterAll(async () => {
  await postgres?.stop();
});

type StoreChoice = 'memory' | 'sqlite' | ConversationStore;
const stores: [string, () => Promise<StoreChoice>][] = [
  ['memory', async () => 'memory'],
  ['sqlite', async () => 'sqlite'],
];
if (!skipWithoutPostgres)
  stores.push([
    'postgres',
    async () => {
      postgres ??= await startPostgres();
      return PostgresConversationStore.open({
        connectionString: await postgres.createDatabase(),
        keyRing: testKeyRing(),
      });
    },
  ]);

let cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

async function staff(test: TestServer, id: string, roles: string[], queues = ['cardiology']) {
  const client = await connectAgent(test.url, await test.tokens.staff(id, roles as never, queues));
  cleanups.push(() => client.close());
  if (roles.includes('agent')) await client.waitFor('agent.assignments');
  return client;
}

async function list(
  client: FrameClient<ServerToAgent>,
  fields: Parameters<typeof agentMessage<'content.list'>>[1],
) {
  const frame = agentMessage('content.list', fields);
  client.send(frame);
  return client.waitFor('content.items', (f) => f.inReplyTo === frame.id);
}

describe.each(stores)('agent content over the agent socket (%s)', (_name, open) => {
  it('admin creates and edits; the agent lists, sends, and old messages keep their text', async () => {
    const test = await startTestServer({ store: await open() });
    cleanups.push(() => test.close());
    const ada = await staff(test, 'ada', ['admin'], []);
    const ana = await staff(test, 'ana', ['agent']);

    ada.send(
      agentMessage('content.save', {
        draft: {
          kind: 'canned',
          queue: 'cardiology',
          title: 'Greeting',
          shortcut: 'hello',
          body: 'Hello {patient.firstName}, I am {agent.name}.',
        },
      }),
    );
    const created = await ada.waitFor('content.changed', (f) => f.item.title === 'Greeting');
    expect(created.item).toMatchObject({ version: 1, retired: false, updatedBy: 'ada' });
    // Every staff socket hears of it.
    await ana.waitFor('content.changed', (f) => f.item.id === created.item.id);
    ada.send(
      agentMessage('content.save', {
        draft: { kind: 'article', queue: 'dermatology', title: 'Elsewhere', body: 'Not for ana' },
      }),
    );
    await ada.waitFor('content.changed', (f) => f.item.title === 'Elsewhere');

    const patient = await connectPatient(test.url, await test.tokens.patient('p1'));
    cleanups.push(() => patient.close());
    patient.send(handoffRequestFrame('c1'));
    await patient.waitFor('handoff.queued');
    ana.send(agentMessage('presence', { presence: 'available' }));
    ana.send(agentMessage('conversation.claim', { conversationId: 'c1' }));
    await ana.waitFor('conversation.assigned', (f) => f.conversationId === 'c1');

    const items = await list(ana, { conversationId: 'c1' });
    expect(items.queue).toBe('cardiology');
    expect(items.items.map((i) => i.title)).toEqual(['Greeting']);
    ana.send(
      agentMessage('message', {
        conversationId: 'c1',
        clientMessageId: 'm1',
        text: 'Hello Alex, I am Agent ana.',
      }),
    );
    await patient.waitFor('message', (f) => f.text === 'Hello Alex, I am Agent ana.');

    ada.send(
      agentMessage('content.save', {
        draft: {
          id: created.item.id,
          expectedVersion: 1,
          kind: 'canned',
          queue: 'cardiology',
          title: 'Greeting',
          shortcut: 'hello',
          body: 'Good morning {patient.firstName}.',
        },
      }),
    );
    const edited = await ana.waitFor('content.changed', (f) => f.item.version === 2);
    expect(edited.item.body).toBe('Good morning {patient.firstName}.');
    // A stale edit (version 1 again) changes nothing.
    ada.send(
      agentMessage('content.save', {
        draft: { ...edited.item, id: edited.item.id, expectedVersion: 1, body: 'stale' },
      }),
    );
    expect((await ada.waitFor('error')).code).toBe('conflict');
    expect((await test.store.getContent(created.item.id))?.body).toBe(
      'Good morning {patient.firstName}.',
    );
    // What was sent stays as sent.
    const log = await test.store.listMessages('c1');
    expect(
      log.some((m) => m.kind === 'message' && JSON.stringify(m).includes('I am Agent ana')),
    ).toBe(true);

    // Retired: hidden from agents, kept for admins.
    ada.send(agentMessage('content.retire', { itemId: created.item.id, retired: true }));
    await ana.waitFor('content.changed', (f) => f.item.retired);
    expect((await list(ana, { conversationId: 'c1' })).items).toEqual([]);
    expect((await list(ana, { conversationId: 'c1', includeRetired: true })).items).toEqual([]);
    const all = await list(ada, { includeRetired: true });
    expect(all.items.map((i) => [i.title, i.retired])).toEqual([
      ['Elsewhere', false],
      ['Greeting', true],
    ]);

    const audit = await test.store.queryAudit({ actorId: 'ada' });
    expect(audit.filter((a) => a.action === 'content.save').map((a) => a.reason)).toEqual([
      'created',
      'created',
      'edited',
    ]);
    expect(audit.some((a) => a.action === 'content.retire' && a.reason === 'retired')).toBe(true);
    // Ids only: the audit never holds the content's text.
    expect(JSON.stringify(audit)).not.toContain('Good morning');
  });

  it('refuses and audits a non-admin edit, another queue and a conversation not theirs', async () => {
    const test = await startTestServer({ store: await open() });
    cleanups.push(() => test.close());
    const ana = await staff(test, 'ana', ['agent']);
    const sam = await staff(test, 'sam', ['supervisor'], []);

    const save = agentMessage('content.save', {
      draft: { kind: 'canned', queue: null, title: 'Sneaky', shortcut: 'x', body: 'x' },
    });
    ana.send(save);
    expect(await ana.waitFor('error', (f) => f.inReplyTo === save.id)).toMatchObject({
      code: 'forbidden',
    });
    const retire = agentMessage('content.retire', { itemId: 'ct-1', retired: true });
    sam.send(retire);
    expect(await sam.waitFor('error', (f) => f.inReplyTo === retire.id)).toMatchObject({
      code: 'forbidden',
    });
    const other = agentMessage('content.list', { queue: 'dermatology' });
    ana.send(other);
    expect(await ana.waitFor('error', (f) => f.inReplyTo === other.id)).toMatchObject({
      code: 'forbidden',
    });
    const stranger = agentMessage('content.list', { conversationId: 'nope' });
    ana.send(stranger);
    expect(await ana.waitFor('error', (f) => f.inReplyTo === stranger.id)).toMatchObject({
      code: 'forbidden',
    });
    expect(await test.store.listContent({ includeRetired: true })).toEqual([]);

    const denied = (await test.store.queryAudit({})).filter((a) => a.outcome === 'denied');
    expect(denied.map((a) => [a.actorId, a.action, a.reason])).toEqual(
      expect.arrayContaining([
        ['ana', 'content.save', 'role_required'],
        ['sam', 'content.retire', 'role_required'],
        ['ana', 'content.list', 'not_in_agent_queue'],
      ]),
    );
  });

  it('rejects a draft its kind cannot use, with a typed error and nothing stored', async () => {
    const test = await startTestServer({ store: await open() });
    cleanups.push(() => test.close());
    const ada = await staff(test, 'ada', ['admin'], []);
    const bad = agentMessage('content.save', {
      draft: { kind: 'canned', queue: null, title: 'No shortcut', body: 'x' },
    });
    ada.send(bad);
    expect(await ada.waitFor('error', (f) => f.inReplyTo === bad.id)).toMatchObject({
      code: 'invalid_message',
    });
    const javascript = {
      kind: 'article',
      queue: null,
      title: 'x',
      body: 'x',
      link: 'javascript:alert(1)',
    };
    ada.send({ ...agentMessage('content.list', {}), type: 'content.save', draft: javascript });
    expect(
      (await ada.waitFor('error', (f) => f.code === 'invalid_message' && f.inReplyTo !== bad.id))
        .code,
    ).toBe('invalid_message');
    expect(await test.store.listContent({ includeRetired: true })).toEqual([]);
  });

  it('a wrap-up macro (message, survey, end) gets one survey, not a second one at the end', async () => {
    const test = await startTestServer({
      store: await open(),
      followups: {
        surveyOnEnd: { id: 'end-survey', title: 'How did we do?', questions: [] },
      },
    });
    cleanups.push(() => test.close());
    const ana = await staff(test, 'ana', ['agent']);
    const patient = await connectPatient(test.url, await test.tokens.patient('p1'));
    cleanups.push(() => patient.close());
    patient.send(handoffRequestFrame('c1'));
    await patient.waitFor('handoff.queued');
    ana.send(agentMessage('presence', { presence: 'available' }));
    ana.send(agentMessage('conversation.claim', { conversationId: 'c1' }));
    await ana.waitFor('conversation.assigned');
    // What the console's macro runner sends, in order, on one socket.
    ana.send(agentMessage('message', { conversationId: 'c1', clientMessageId: 'm1', text: 'Bye' }));
    ana.send(
      agentMessage('survey.offer', {
        conversationId: 'c1',
        clientMessageId: 's1',
        survey: {
          id: 'csat-1',
          title: 'Survey',
          questions: [{ id: 'overall', kind: 'rating', prompt: 'Overall?', required: true }],
        },
      }),
    );
    ana.send(agentMessage('conversation.end', { conversationId: 'c1', reason: 'resolved' }));
    await patient.waitFor('handoff.ended');
    // A later command on the same conversation: anything the end queued came before its ack.
    patient.send(
      patientMessage('survey.response', {
        conversationId: 'c1',
        clientMessageId: 'r1',
        response: { surveyId: 'csat-1', answers: { overall: { kind: 'rating', value: 5 } } },
      }),
    );
    await patient.waitFor('ack', (f) => f.clientMessageId === 'r1');
    const types = patient.frames.map((f) => f.type);
    expect(types.filter((t) => t === 'survey.request')).toHaveLength(1);
    expect(types.indexOf('survey.request')).toBeLessThan(types.indexOf('handoff.ended'));
  });
});

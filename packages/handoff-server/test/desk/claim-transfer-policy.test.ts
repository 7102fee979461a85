import { agentMessage } from '@baton/handoff-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { handoffRequestFrame } from '../support/frames';
import { connectAgent, connectPatient, startTestServer, type TestServer } from '../support/server';

// Smaller points of a security review: a claim checks access before saying `conflict`;
// refusals outside a conversation (supervisor.subscribe, presence, queue.subscribe) are
// audited; a transfer to an agent checks her queue, presence and capacity.

let cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

async function setup(store: 'memory' | 'sqlite') {
  const test = await startTestServer({ store });
  cleanups.push(() => test.close());
  const patient = await connectPatient(test.url, await test.tokens.patient('p1'));
  cleanups.push(() => patient.close());
  patient.send(handoffRequestFrame('c1'));
  await patient.waitFor('handoff.queued');
  return test;
}

async function staff(test: TestServer, id: string, roles: string[], queues: string[]) {
  const client = await connectAgent(test.url, await test.tokens.staff(id, roles as never, queues));
  cleanups.push(() => client.close());
  if (roles.includes('agent')) await client.waitFor('agent.assignments');
  return client;
}

describe.each(['memory', 'sqlite'] as const)('claims, refusals and transfers (%s)', (store) => {
  it('answers conflict only to someone who could have claimed it; others get an audited forbidden', async () => {
    const test = await setup(store);
    const ana = await staff(test, 'ana', ['agent'], ['cardiology']);
    ana.send(agentMessage('conversation.claim', { conversationId: 'c1' }));
    await ana.waitFor('conversation.assigned');

    const ben = await staff(test, 'ben', ['agent'], ['cardiology']);
    ben.send(agentMessage('conversation.claim', { conversationId: 'c1' }));
    expect((await ben.waitFor('error')).code).toBe('conflict');

    const zoe = await staff(test, 'zoe', ['agent'], ['billing']);
    zoe.send(agentMessage('conversation.claim', { conversationId: 'c1' }));
    zoe.send(agentMessage('conversation.claim', { conversationId: 'no-such-id' }));
    const errors = [
      await zoe.waitFor('error'),
      await zoe.waitFor('error', (e) => e !== zoe.of('error')[0]),
    ];
    // The same answer whether it exists or not: nothing learnt.
    expect(errors.map((e) => [e.code, e.message])).toEqual([
      ['forbidden', errors[1]!.message],
      ['forbidden', errors[1]!.message],
    ]);
    expect(await test.store.queryAudit({ actorId: 'ben' })).not.toContainEqual(
      expect.objectContaining({ outcome: 'denied' }),
    );
    const denied = (await test.store.queryAudit({ actorId: 'zoe' })).map((a) => [
      a.action,
      a.outcome,
      a.conversationId,
      a.reason,
    ]);
    expect(denied).toEqual(
      expect.arrayContaining([
        ['conversation.claim', 'denied', 'c1', 'not_in_agent_queue'],
        ['conversation.claim', 'denied', 'no-such-id', 'conversation_not_reachable'],
      ]),
    );
  });

  it('audits refused supervisor.subscribe, presence and queue.subscribe', async () => {
    const test = await setup(store);
    const ana = await staff(test, 'ana', ['agent'], ['cardiology']);
    ana.send(agentMessage('supervisor.subscribe', {}));
    await ana.waitFor('error', (e) => e.code === 'forbidden');
    ana.send(agentMessage('queue.subscribe', { queues: ['cardiology', 'oncology'] }));
    const snapshot = await ana.waitFor('queue.snapshot');
    expect(snapshot.items.every((i) => i.queue === 'cardiology')).toBe(true);
    const root = await staff(test, 'root', ['admin'], []);
    root.send(agentMessage('presence', { presence: 'available' }));
    await root.waitFor('error', (e) => e.code === 'forbidden');
    const rows = (await test.store.queryAudit({})).filter((a) => a.outcome === 'denied');
    expect(rows.map((a) => [a.action, a.actorId, a.targetId ?? null, a.reason])).toEqual(
      expect.arrayContaining([
        ['supervisor.subscribe', 'ana', null, 'role_required'],
        ['queue.subscribe', 'ana', 'oncology', 'not_in_agent_queue'],
        ['presence', 'root', null, 'role_required'],
      ]),
    );
  });

  it('transfers to an agent only if she serves the queue, is available and has a free slot', async () => {
    const test = await setup(store);
    const ana = await staff(test, 'ana', ['agent'], ['cardiology']);
    ana.send(agentMessage('conversation.claim', { conversationId: 'c1' }));
    await ana.waitFor('conversation.assigned');
    await staff(test, 'zoe', ['agent'], ['billing']);
    const ben = await staff(test, 'ben', ['agent'], ['cardiology']);
    const transfer = (agentId: string) =>
      ana.send(
        agentMessage('conversation.transfer', {
          conversationId: 'c1',
          target: { kind: 'agent', agentId },
        }),
      );
    const nextError = async () => {
      const seen = ana.of('error').length;
      return ana.waitFor('error', () => ana.of('error').length > seen);
    };
    let error = nextError();
    transfer('zoe');
    expect(await error).toMatchObject({ issues: [{ path: 'target.queue' }] });
    ben.send(agentMessage('presence', { presence: 'away' }));
    await expect.poll(async () => (await test.store.getAgent('ben'))?.presence).toBe('away');
    error = nextError();
    transfer('ben');
    expect(await error).toMatchObject({ issues: [{ path: 'target.presence' }] });
    ben.send(agentMessage('presence', { presence: 'available' }));
    await expect.poll(async () => (await test.store.getAgent('ben'))?.presence).toBe('available');
    transfer('ben');
    await ben.waitFor('conversation.assigned', (f) => f.conversationId === 'c1');
  });
});

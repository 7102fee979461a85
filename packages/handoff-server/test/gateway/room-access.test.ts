import { agentMessage, patientMessage, type ServerToAgent } from '@baton/handoff-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { handoffRequestFrame } from '../support/frames';
import {
  connectAgent,
  connectPatient,
  type FrameClient,
  startTestServer,
  type TestServer,
} from '../support/server';

// Policy at the moment of delivery: a staff socket that opened a conversation stops getting
// its frames the moment the policy stops letting it view it (claimed by someone else,
// transferred to another queue, ended), and each withdrawal is audited. Absence is proven
// with a barrier: a reply the same socket gets after the frame it must not have received.

let cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

async function staff(
  test: TestServer,
  id: string,
  roles = ['agent'] as const,
  queues = ['cardiology'],
) {
  const client = await connectAgent(test.url, await test.tokens.staff(id, [...roles], queues));
  cleanups.push(() => client.close());
  if (roles.includes('agent' as never)) await client.waitFor('agent.assignments');
  return client;
}

/** A reply this socket gets after everything broadcast to it before. */
async function barrier(client: FrameClient<ServerToAgent>) {
  const before = client.of('queue.snapshot').length;
  client.send(agentMessage('queue.subscribe', {}));
  await client.waitFor('queue.snapshot', () => client.of('queue.snapshot').length > before);
}

async function opened(client: FrameClient<ServerToAgent>, conversationId: string) {
  client.send(agentMessage('conversation.open', { conversationId }));
  await client.waitFor('conversation.transcript', (f) => f.conversationId === conversationId);
}

describe.each(['memory', 'sqlite'] as const)(
  'staff lose the room with the access (%s)',
  (store) => {
    it('an agent who opened a queued conversation gets nothing once another agent claims it', async () => {
      const test = await startTestServer({ store });
      cleanups.push(() => test.close());
      const patient = await connectPatient(test.url, await test.tokens.patient('p1'));
      cleanups.push(() => patient.close());
      patient.send(handoffRequestFrame('c1'));
      await patient.waitFor('handoff.queued');

      const ana = await staff(test, 'ana');
      const ben = await staff(test, 'ben');
      const sam = await staff(test, 'sam', ['supervisor'] as never, []);
      await opened(ana, 'c1');
      await opened(sam, 'c1');

      ben.send(agentMessage('conversation.claim', { conversationId: 'c1' }));
      await ben.waitFor('conversation.assigned', (f) => f.conversationId === 'c1');
      // Ana is told it was claimed (the state change reaches the room before she leaves it).
      await ana.waitFor('conversation.state', (f) => f.to === 'assigned');

      ben.send(
        agentMessage('message', { conversationId: 'c1', clientMessageId: 'b1', text: 'Hello' }),
      );
      ben.send(agentMessage('note', { conversationId: 'c1', clientMessageId: 'n1', text: 'note' }));
      ben.send(agentMessage('typing', { conversationId: 'c1', active: true }));
      patient.send(
        patientMessage('message', { conversationId: 'c1', clientMessageId: 'p1', text: 'Hi' }),
      );
      await sam.waitFor('message', (f) => f.from === 'agent');
      await sam.waitFor('note');
      await sam.waitFor('message', (f) => f.from === 'patient');
      await patient.waitFor('ack', (f) => f.clientMessageId === 'p1');
      await barrier(ana);
      const leaked = ana.frames.filter(
        (f) =>
          'conversationId' in f &&
          f.conversationId === 'c1' &&
          ['message', 'note', 'typing'].includes(f.type),
      );
      expect(leaked).toEqual([]);

      const audit = await test.store.queryAudit({ actorId: 'ana' });
      expect(audit).toContainEqual(
        expect.objectContaining({
          action: 'conversation.access_withdrawn',
          outcome: 'denied',
          conversationId: 'c1',
          reason: 'not_assigned_to_agent',
        }),
      );
      // The grant of access was audited when she opened it, with why it was allowed.
      expect(audit).toContainEqual(
        expect.objectContaining({
          action: 'transcript.view',
          outcome: 'allowed',
          conversationId: 'c1',
          reason: 'queue_agent',
        }),
      );
      // The supervisor keeps it; the holder too.
      expect(await test.store.queryAudit({ actorId: 'sam' })).not.toContainEqual(
        expect.objectContaining({ action: 'conversation.access_withdrawn' }),
      );
    });

    it('the holder leaves the room when she transfers it to a queue she does not serve', async () => {
      const test = await startTestServer({ store });
      cleanups.push(() => test.close());
      const patient = await connectPatient(test.url, await test.tokens.patient('p1'));
      cleanups.push(() => patient.close());
      patient.send(handoffRequestFrame('c1'));
      await patient.waitFor('handoff.queued');
      const ana = await staff(test, 'ana');
      ana.send(agentMessage('conversation.claim', { conversationId: 'c1' }));
      await ana.waitFor('conversation.assigned');
      ana.send(
        agentMessage('conversation.transfer', {
          conversationId: 'c1',
          target: { kind: 'queue', queue: 'billing' },
        }),
      );
      await ana.waitFor('conversation.state', (f) => f.to === 'queued');
      patient.send(patientMessage('typing', { conversationId: 'c1', active: true }));
      patient.send(
        patientMessage('message', { conversationId: 'c1', clientMessageId: 'p1', text: 'Hi' }),
      );
      await patient.waitFor('ack', (f) => f.clientMessageId === 'p1');
      await barrier(ana);
      expect(ana.of('typing')).toEqual([]);
      expect(ana.of('message').filter((m) => m.conversationId === 'c1')).toEqual([]);
      const audit = await test.store.queryAudit({ actorId: 'ana' });
      expect(audit).toContainEqual(
        expect.objectContaining({
          action: 'conversation.access_withdrawn',
          reason: 'not_in_agent_queue',
        }),
      );
      // Opening it again is refused and audited like any refusal.
      ana.send(agentMessage('conversation.open', { conversationId: 'c1' }));
      await ana.waitFor('error', (f) => f.code === 'forbidden');
    });

    it('the holder of an ended conversation keeps a read-only view: no withdrawal, no reopening', async () => {
      const test = await startTestServer({ store });
      cleanups.push(() => test.close());
      const patient = await connectPatient(test.url, await test.tokens.patient('p1'));
      cleanups.push(() => patient.close());
      patient.send(handoffRequestFrame('c1'));
      await patient.waitFor('handoff.queued');
      const ana = await staff(test, 'ana');
      ana.send(agentMessage('conversation.claim', { conversationId: 'c1' }));
      await ana.waitFor('conversation.assigned');
      ana.send(agentMessage('conversation.end', { conversationId: 'c1', reason: 'resolved' }));
      await ana.waitFor('conversation.state', (f) => f.to === 'ended');
      ana.send(agentMessage('conversation.open', { conversationId: 'c1' }));
      await ana.waitFor('error', (f) => f.code === 'forbidden');
      const audit = await test.store.queryAudit({ actorId: 'ana' });
      expect(audit).not.toContainEqual(
        expect.objectContaining({ action: 'conversation.access_withdrawn' }),
      );
      expect(audit).toContainEqual(
        expect.objectContaining({
          action: 'transcript.view',
          outcome: 'denied',
          conversationId: 'c1',
        }),
      );
    });

    it('the holder leaves the room when she transfers it to another agent', async () => {
      const test = await startTestServer({ store });
      cleanups.push(() => test.close());
      const patient = await connectPatient(test.url, await test.tokens.patient('p1'));
      cleanups.push(() => patient.close());
      patient.send(handoffRequestFrame('c1'));
      await patient.waitFor('handoff.queued');
      const ana = await staff(test, 'ana');
      const ben = await staff(test, 'ben');
      ana.send(agentMessage('conversation.claim', { conversationId: 'c1' }));
      await ana.waitFor('conversation.assigned');
      ana.send(
        agentMessage('conversation.transfer', {
          conversationId: 'c1',
          target: { kind: 'agent', agentId: 'ben' },
        }),
      );
      await ben.waitFor('conversation.assigned', (f) => f.conversationId === 'c1');
      patient.send(
        patientMessage('message', { conversationId: 'c1', clientMessageId: 'p1', text: 'Hi' }),
      );
      await ben.waitFor('message', (f) => f.from === 'patient');
      await barrier(ana);
      expect(ana.of('message').filter((m) => m.conversationId === 'c1')).toEqual([]);
      await expect
        .poll(() => test.store.queryAudit({ actorId: 'ana' }))
        .toContainEqual(
          expect.objectContaining({
            action: 'conversation.access_withdrawn',
            reason: 'not_assigned_to_agent',
          }),
        );
    });
  },
);

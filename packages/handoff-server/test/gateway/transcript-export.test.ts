import { agentMessage } from '@baton/handoff-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { handoffRequestFrame } from '../support/frames';
import { connectAgent, connectPatient, startTestServer, type TestServer } from '../support/server';

let cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

const exportAs = (test: TestServer, id: string, token?: string) =>
  fetch(
    `${test.url}/api/conversations/${id}/transcript`,
    token ? { headers: { authorization: `Bearer ${token}` } } : {},
  );

describe('GET /api/conversations/:id/transcript', () => {
  it('exports for the assigned agent and the owning patient only, and audits each', async () => {
    const test = await startTestServer();
    cleanups.push(() => test.close());
    const patient = await connectPatient(test.url, await test.tokens.patient('pat-1'));
    const agent = await connectAgent(test.url, await test.tokens.staff('agent-1'));
    cleanups.push(
      () => patient.close(),
      () => agent.close(),
    );
    patient.send(handoffRequestFrame('conv-x'));
    await patient.waitFor('handoff.queued');
    agent.send(agentMessage('conversation.claim', { conversationId: 'conv-x' }));
    await agent.waitFor('conversation.assigned');
    agent.send(
      agentMessage('note', {
        conversationId: 'conv-x',
        clientMessageId: 'n1',
        text: 'internal note',
      }),
    );
    await agent.waitFor('ack');

    const asAgent = await exportAs(test, 'conv-x', await test.tokens.staff('agent-1'));
    expect(asAgent.status).toBe(200);
    const body = (await asAgent.json()) as {
      transcript: { entries: unknown[] };
      log: { kind: string }[];
    };
    expect(body.transcript.entries).toHaveLength(2);
    expect(body.log.some((e) => e.kind === 'note')).toBe(true);

    const asOwner = await exportAs(test, 'conv-x', await test.tokens.patient('pat-1'));
    expect(asOwner.status).toBe(200);
    expect(
      ((await asOwner.json()) as { log: { kind: string }[] }).log.some((e) => e.kind === 'note'),
    ).toBe(false);

    expect((await exportAs(test, 'conv-x', await test.tokens.patient('pat-2'))).status).toBe(403);
    expect((await exportAs(test, 'conv-x', await test.tokens.staff('agent-2'))).status).toBe(403);
    expect((await exportAs(test, 'missing', await test.tokens.staff('agent-1'))).status).toBe(403);
    expect((await exportAs(test, 'conv-x')).status).toBe(401);

    const audit = await test.store.queryAudit({ conversationId: 'conv-x' });
    expect(
      audit.filter((a) => a.action === 'transcript.export' && a.outcome === 'allowed'),
    ).toHaveLength(1);
    expect(
      audit.filter((a) => a.action === 'transcript.view' && a.actorId === 'pat-1'),
    ).toHaveLength(1);
    expect(
      audit
        .filter((a) => a.outcome === 'denied')
        .map((a) => a.actorId)
        .sort(),
    ).toEqual(['agent-2', 'pat-2']);
  });
});

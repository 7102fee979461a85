import { agentMessage, type FollowUpItem, patientMessage } from '@baton/handoff-protocol';
import { describe, expect, it } from 'vitest';
import type { AdapterFollowUpChange } from '../../src/adapters/contract';
import { handoffRequestFrame } from '../support/frames';
import { connectAgent, connectPatient, startTestServer } from '../support/server';
import { useHarness } from './harness';

const setup = useHarness();

const leaveMessage = (conversationId: string, text: string, clientMessageId = 'fb-1') =>
  patientMessage('fallback.select', {
    conversationId,
    clientMessageId,
    choice: { option: 'leave-message', text },
  });

describe('follow-up worklist over real sockets (SQLite)', () => {
  it('turns each fallback pick into one item, superseding the failed one; audited', async () => {
    const h = await setup();
    const changes: AdapterFollowUpChange[] = [];
    Object.assign(h.adapter, {
      followUp: async (change: AdapterFollowUpChange) => {
        changes.push(change);
      },
    });
    const supervisor = await h.agent('sup-1', ['supervisor']);
    supervisor.send(agentMessage('followup.subscribe', {}));
    await supervisor.waitFor('followup.snapshot');
    const patient = await h.failed('conv-w1', ['leave-message', 'callback', 'appointment']);
    const failed = await supervisor.waitFor('followup.update', (f) => f.item.kind === 'failed');
    expect(failed.item).toMatchObject({
      conversationId: 'conv-w1',
      queue: 'general',
      status: 'open',
      patientDisplayName: 'Alex Martin',
      request: { reason: 'out-of-hours' },
    });

    patient.send(leaveMessage('conv-w1', 'Please call me about my results'));
    // The ack comes after the item is committed.
    await patient.waitFor('ack', (f) => f.clientMessageId === 'fb-1');
    const items = await h.test.store.listFollowUps({ statuses: ['open'] });
    expect(items.map((i) => i.kind)).toEqual(['message']);
    const message = await supervisor.waitFor('followup.update', (f) => f.item.kind === 'message');
    expect(message.item.request).toEqual({ text: 'Please call me about my results' });
    const superseded = await supervisor.waitFor(
      'followup.update',
      (f) => f.item.kind === 'failed' && f.item.status === 'closed',
    );
    expect(superseded.item.claimedBy?.id).toBe('system');
    // Closed by the system, not by staff: not counted as closed today.
    expect(superseded.counts).toMatchObject({ open: 1, claimed: 0, closedToday: 0 });

    patient.send(
      patientMessage('fallback.select', {
        conversationId: 'conv-w1',
        clientMessageId: 'fb-2',
        choice: { option: 'callback', phone: '+33612345678', preferredTime: 'mornings' },
      }),
    );
    await patient.waitFor('ack', (f) => f.clientMessageId === 'fb-2');
    // A retried pick (same client id) creates nothing new.
    patient.send(leaveMessage('conv-w1', 'Please call me about my results'));
    const retried = await patient.waitFor('ack', (f) => f.clientMessageId === 'fb-1');
    expect(retried.seq).toBeGreaterThan(0);
    const open = await h.test.store.listFollowUps({ statuses: ['open'] });
    expect(open.map((i) => [i.kind, i.detail])).toEqual([
      ['message', { patientDisplayName: 'Alex Martin', text: 'Please call me about my results' }],
      [
        'callback',
        { patientDisplayName: 'Alex Martin', phone: '+33612345678', preferredTime: 'mornings' },
      ],
    ]);

    const audit = await h.test.store.queryAudit({ conversationId: 'conv-w1' });
    const followUpRows = audit.filter((a) => a.action.startsWith('followup.'));
    expect(followUpRows.map((a) => [a.action, a.actorId])).toEqual([
      ['followup.create', 'system'],
      ['followup.create', 'system'],
      ['followup.close', 'system'],
      ['followup.create', 'system'],
    ]);
    for (const row of followUpRows) expect(JSON.stringify(row)).not.toContain('results');
    await h.test.server.engine.idle();
    expect(changes.map((c) => [c.change, c.item.kind])).toEqual([
      ['created', 'failed'],
      ['created', 'message'],
      ['closed', 'failed'],
      ['created', 'callback'],
    ]);
  });

  it('lets exactly one of two agents claim; the claimant closes it with a note', async () => {
    const h = await setup();
    const patient = await h.failed('conv-w2', ['leave-message']);
    patient.send(leaveMessage('conv-w2', 'Is my prescription ready?'));
    await patient.waitFor('ack', (f) => f.clientMessageId === 'fb-1');
    const [a, b] = await Promise.all(
      ['agent-a', 'agent-b'].map(async (id) =>
        connectAgent(h.test.url, await h.test.tokens.staff(id, ['agent'], ['general'])),
      ),
    );
    try {
      for (const agent of [a!, b!]) agent.send(agentMessage('followup.subscribe', {}));
      const snapshot = await a!.waitFor('followup.snapshot');
      const item = snapshot.items.find((i) => i.kind === 'message') as FollowUpItem;
      expect(item).toMatchObject({
        queue: 'general',
        request: { text: 'Is my prescription ready?' },
      });
      await b!.waitFor('followup.snapshot');
      const claimA = agentMessage('followup.claim', { itemId: item.id });
      const claimB = agentMessage('followup.claim', { itemId: item.id });
      a!.send(claimA);
      b!.send(claimB);
      const claimed = await a!.waitFor(
        'followup.update',
        (f) => f.item.id === item.id && f.item.status === 'claimed',
      );
      const winner = claimed.item.claimedBy!.id === 'agent-a' ? a! : b!;
      const loser = winner === a ? b! : a!;
      const loserClaim = winner === a ? claimB : claimA;
      expect(await loser.waitFor('error', (f) => f.inReplyTo === loserClaim.id)).toMatchObject({
        code: 'conflict',
      });
      const stolen = agentMessage('followup.close', { itemId: item.id, note: 'not mine' });
      loser.send(stolen);
      expect(await loser.waitFor('error', (f) => f.inReplyTo === stolen.id)).toMatchObject({
        code: 'forbidden',
      });
      // The transcript is readable by whoever may work the item.
      winner.send(agentMessage('followup.open', { itemId: item.id }));
      const transcript = await winner.waitFor('conversation.transcript');
      expect(transcript).toMatchObject({ conversationId: 'conv-w2', state: 'failed' });
      expect(transcript.log.some((e) => e.event === 'fallback.selected')).toBe(true);

      winner.send(
        agentMessage('followup.close', { itemId: item.id, note: 'Called back: ready Friday' }),
      );
      const closed = await loser.waitFor(
        'followup.update',
        (f) => f.item.id === item.id && f.item.status === 'closed',
      );
      expect(closed.item.outcomeNote).toBe('Called back: ready Friday');
      const audit = await h.test.store.queryAudit({ conversationId: 'conv-w2' });
      const rows = audit
        .filter((r) => r.targetId === item.id && r.action !== 'followup.create')
        .map((r) => [r.action, r.outcome, r.actorId === claimed.item.claimedBy!.id, r.reason]);
      expect(rows).toEqual([
        ['followup.claim', 'allowed', true, null],
        ['followup.claim', 'denied', false, 'already_claimed'],
        ['followup.close', 'denied', false, 'not_claimant'],
        ['followup.view', 'allowed', true, null],
        ['followup.close', 'allowed', true, null],
      ]);
      for (const row of audit) expect(JSON.stringify(row)).not.toContain('Friday');
    } finally {
      a!.close();
      b!.close();
    }
  });

  it('shows staff only the items of their queues, refuses the others; supervisors see all', async () => {
    const h = await setup();
    const patient = await h.failed('conv-w3', ['leave-message']);
    patient.send(leaveMessage('conv-w3', 'Question about billing'));
    await patient.waitFor('ack', (f) => f.clientMessageId === 'fb-1');
    const cardiology = await h.agent('agent-c', ['agent']); // queues: ['cardiology']
    cardiology.send(agentMessage('followup.subscribe', {}));
    const snapshot = await cardiology.waitFor('followup.snapshot');
    expect(snapshot.items).toEqual([]);
    expect(snapshot.counts.open).toBe(1);
    const [item] = await h.test.store.listFollowUps({ statuses: ['open'] });
    for (const frame of [
      agentMessage('followup.claim', { itemId: item!.id }),
      agentMessage('followup.open', { itemId: item!.id }),
    ]) {
      cardiology.send(frame);
      expect(await cardiology.waitFor('error', (f) => f.inReplyTo === frame.id)).toMatchObject({
        code: 'forbidden',
      });
    }
    const supervisor = await h.agent('sup-2', ['supervisor']);
    supervisor.send(agentMessage('followup.subscribe', {}));
    expect((await supervisor.waitFor('followup.snapshot')).items.map((i) => i.id)).toEqual([
      item!.id,
    ]);
    const denied = (await h.test.store.queryAudit({ actorId: 'agent-c' })).map((r) => [
      r.action,
      r.outcome,
      r.reason,
    ]);
    expect(denied).toEqual([
      ['followup.view', 'allowed', null], // the (empty) snapshot
      ['followup.claim', 'denied', 'not_in_agent_queue'],
      ['followup.view', 'denied', 'not_in_agent_queue'],
    ]);
    expect((await h.test.store.getFollowUp(item!.id))?.status).toBe('open');
  });
});

describe('expired handoffs in the worklist', () => {
  it('makes a handoff nobody took in time an item of its queue, once', async () => {
    const test = await startTestServer({ timeouts: { queueTimeoutMs: 300 } });
    try {
      const supervisor = await connectAgent(
        test.url,
        await test.tokens.staff('sup', ['supervisor']),
      );
      const patient = await connectPatient(test.url, await test.tokens.patient('pat-9'));
      supervisor.send(agentMessage('followup.subscribe', {}));
      await supervisor.waitFor('followup.snapshot');
      patient.send(handoffRequestFrame('conv-x1'));
      await patient.waitFor('handoff.failed', (f) => f.reason === 'expired');
      const update = await supervisor.waitFor('followup.update', (f) => f.item.kind === 'expired');
      expect(update.item).toMatchObject({
        conversationId: 'conv-x1',
        status: 'open',
        request: { reason: 'expired' },
      });
      expect(update.item.queue.length).toBeGreaterThan(0);
      await test.server.engine.idle();
      expect(await test.store.listFollowUps()).toHaveLength(1);
      supervisor.close();
      patient.close();
    } finally {
      await test.close();
    }
  });
});

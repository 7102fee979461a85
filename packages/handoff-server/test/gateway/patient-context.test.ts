import {
  agentMessage,
  type PatientAttribute,
  type ServerToAgent,
  type ServerToPatient,
} from '@baton/handoff-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { createSocketDelivery } from '../../src/gateway/rooms';
import { handoffRequestFrame, sampleRequest } from '../support/frames';
import type { FrameClient } from '../support/server';
import { connectAgent, connectPatient, startTestServer, type TestServer } from '../support/server';

// Patient context reaches staff only through the per-recipient filter: never the
// non-displayable attributes, clinical ones only with the clinical flag. Every frame that
// carries patient context (or summarises a conversation) is checked for both recipients.

const SHOWN: PatientAttribute = {
  key: 'plan',
  label: 'Insurance plan',
  value: 'PLAN-GOLD-7',
  displayable: true,
  clinical: false,
};
const CLINICAL: PatientAttribute = {
  key: 'allergy',
  label: 'Allergy',
  value: 'CLINICAL-PENICILLIN',
  displayable: true,
  clinical: true,
};
const HIDDEN: PatientAttribute = {
  key: 'crmId',
  value: 'HIDDEN-CRM-4411',
  displayable: false,
  clinical: false,
};

const QUEUE_ITEM_KEYS = [
  'conversationId',
  'enqueuedAt',
  'escalation',
  'locale',
  'patientDisplayName',
  'position',
  'priority',
  'queue',
  'triage',
];
const SUMMARY_KEYS = new Set([
  'agent',
  'conversationId',
  'escalation',
  'lastActivityAt',
  'patientDisplayName',
  'priority',
  'queue',
  'startedAt',
  'state',
  'stateSince',
]);

let cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

async function staffOn(
  test: TestServer,
  id: string,
  roles: ('agent' | 'supervisor')[],
  clinical: boolean,
) {
  const token = await test.tokens.staff(id, roles, ['cardiology'], { clinical });
  const client = await connectAgent(test.url, token);
  cleanups.push(() => client.close());
  return { client, token };
}

const exportAs = async (test: TestServer, token: string) => {
  const response = await fetch(`${test.url}/api/conversations/c1/transcript`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { request: { patient: { attributes?: PatientAttribute[] } } };
};

/** Exactly what a recipient saw of patient context, on every frame kind that can carry it. */
function expectOnlyAllowed(
  frames: readonly ServerToAgent[],
  allowed: readonly PatientAttribute[],
  forbidden: readonly PatientAttribute[],
) {
  for (const frame of frames) {
    const json = JSON.stringify(frame);
    for (const attribute of forbidden) {
      expect(json, `${frame.type} leaks ${attribute.key}`).not.toContain(attribute.value);
      expect(json, `${frame.type} leaks ${attribute.key}`).not.toContain(`"${attribute.key}"`);
    }
    switch (frame.type) {
      case 'conversation.assigned':
      case 'conversation.transcript':
        expect(frame.request.patient.attributes, frame.type).toEqual(allowed);
        break;
      case 'queue.snapshot':
        for (const item of frame.items) expect(Object.keys(item).sort()).toEqual(QUEUE_ITEM_KEYS);
        break;
      case 'queue.update':
        if (frame.change.op === 'upsert')
          expect(Object.keys(frame.change.item).sort()).toEqual(QUEUE_ITEM_KEYS);
        break;
      case 'supervisor.snapshot':
      case 'supervisor.update':
        for (const summary of (frame.type === 'supervisor.snapshot'
          ? frame.conversations
          : frame.upserted) ?? []) {
          for (const key of Object.keys(summary)) expect(SUMMARY_KEYS).toContain(key);
        }
        break;
      default:
        break;
    }
  }
}

const types = (client: FrameClient<ServerToAgent>) => new Set(client.frames.map((f) => f.type));

describe('patient context reaches each staff member filtered by their clearance', () => {
  it('filters assigned, transcript, queue, dashboard, transfer and HTTP export frames', async () => {
    const test = await startTestServer();
    cleanups.push(() => test.close());
    // Verified attributes come from the signed token (`attrs`), never from the browser.
    const token = await test.tokens.patient('pat-1', undefined, {
      attributes: [SHOWN, CLINICAL, HIDDEN],
    });
    const patient = await connectPatient(test.url, token);
    cleanups.push(() => patient.close());
    patient.send(handoffRequestFrame('c1', 'req-c1', sampleRequest()));
    await patient.waitFor('handoff.queued');

    // A staff member without the clinical flag; a supervisor (who also takes chats) with it.
    const agent = await staffOn(test, 'agent-std', ['agent'], false);
    const supervisor = await staffOn(test, 'sup-clin', ['agent', 'supervisor'], true);
    agent.client.send(agentMessage('queue.subscribe', {}));
    supervisor.client.send(agentMessage('queue.subscribe', {}));
    supervisor.client.send(agentMessage('supervisor.subscribe', {}));
    expect((await agent.client.waitFor('queue.snapshot')).items).toHaveLength(1);
    expect((await supervisor.client.waitFor('queue.snapshot')).items).toHaveLength(1);
    await supervisor.client.waitFor('supervisor.snapshot');

    // Claim: `conversation.assigned` to the agent; queue and dashboard updates to both.
    agent.client.send(agentMessage('conversation.claim', { conversationId: 'c1' }));
    const assigned = await agent.client.waitFor('conversation.assigned');
    expect(assigned.request.patient.attributes).toEqual([SHOWN]);
    await supervisor.client.waitFor('queue.update', (u) => u.change.op === 'remove');
    await supervisor.client.waitFor('supervisor.update', (u) =>
      (u.upserted ?? []).some((s) => s.state === 'assigned'),
    );

    // `conversation.open` → `conversation.transcript`, for each.
    agent.client.send(agentMessage('conversation.open', { conversationId: 'c1' }));
    supervisor.client.send(agentMessage('conversation.open', { conversationId: 'c1' }));
    expect(
      (await agent.client.waitFor('conversation.transcript')).request.patient.attributes,
    ).toEqual([SHOWN]);
    expect(
      (await supervisor.client.waitFor('conversation.transcript')).request.patient.attributes,
    ).toEqual([SHOWN, CLINICAL]);

    // Transcript export over HTTP: the same filter, the patient included.
    expect((await exportAs(test, agent.token)).request.patient.attributes).toEqual([SHOWN]);
    expect((await exportAs(test, supervisor.token)).request.patient.attributes).toEqual([
      SHOWN,
      CLINICAL,
    ]);
    expect(
      (await exportAs(test, await test.tokens.patient('pat-1'))).request.patient.attributes,
    ).toEqual([SHOWN]);

    // Transfer to the supervisor: their `conversation.assigned` shows what they may see.
    agent.client.send(
      agentMessage('conversation.transfer', {
        conversationId: 'c1',
        target: { kind: 'agent', agentId: 'sup-clin' },
        note: 'over to you',
      }),
    );
    const transferred = await supervisor.client.waitFor('conversation.assigned');
    expect(transferred.transferredFrom).toMatchObject({ id: 'agent-std' });
    expect(transferred.request.patient.attributes).toEqual([SHOWN, CLINICAL]);

    // Back to the queue (queue.update upsert to both), then the agent claims it again.
    supervisor.client.send(
      agentMessage('conversation.transfer', {
        conversationId: 'c1',
        target: { kind: 'queue', queue: 'cardiology' },
      }),
    );
    await agent.client.waitFor('queue.update', (u) => u.change.op === 'upsert');
    await supervisor.client.waitFor('queue.update', (u) => u.change.op === 'upsert');
    agent.client.send(agentMessage('conversation.claim', { conversationId: 'c1' }));
    await agent.client.waitFor(
      'conversation.assigned',
      (f) => f.id !== assigned.id && f.transferredFrom === undefined,
    );
    await test.server.engine.idle();

    // Every frame kind above was seen, and each holds exactly what its recipient may see.
    for (const type of [
      'queue.snapshot',
      'queue.update',
      'conversation.assigned',
      'conversation.transcript',
    ] as const) {
      expect(types(agent.client), type).toContain(type);
      expect(types(supervisor.client), type).toContain(type);
    }
    expect(types(supervisor.client)).toContain('supervisor.snapshot');
    expect(types(supervisor.client)).toContain('supervisor.update');
    expect(agent.client.of('conversation.assigned')).toHaveLength(2);
    expectOnlyAllowed(agent.client.frames, [SHOWN], [CLINICAL, HIDDEN]);
    expectOnlyAllowed(supervisor.client.frames, [SHOWN, CLINICAL], [HIDDEN]);
    const patientFrames: readonly ServerToPatient[] = patient.frames;
    expect(JSON.stringify(patientFrames)).not.toContain(HIDDEN.value);
    expect(JSON.stringify(patientFrames)).not.toContain(CLINICAL.value);
  });

  it('gives two people in one room each their own view of one broadcast', async () => {
    const test = await startTestServer({ store: 'memory' });
    cleanups.push(() => test.close());
    // Verified attributes come from the signed token (`attrs`), never from the browser.
    const token = await test.tokens.patient('pat-1', undefined, {
      attributes: [SHOWN, CLINICAL, HIDDEN],
    });
    const patient = await connectPatient(test.url, token);
    cleanups.push(() => patient.close());
    patient.send(handoffRequestFrame('c1', 'req-c1', sampleRequest()));
    await patient.waitFor('handoff.queued');
    const standard = await staffOn(test, 'sup-std', ['supervisor'], false);
    const clinical = await staffOn(test, 'sup-clin', ['supervisor'], true);
    for (const { client } of [standard, clinical]) {
      client.send(agentMessage('conversation.open', { conversationId: 'c1' }));
      await client.waitFor('conversation.transcript');
    }
    // Both sockets are in the conversation's room now: one broadcast, two views.
    const frame = await test.server.engine.request('c1');
    expect(frame).not.toBeNull();
    createSocketDelivery(test.server.io).toAgents('c1', {
      v: 1,
      type: 'conversation.assigned',
      id: 'broadcast-1',
      ts: new Date().toISOString(),
      conversationId: 'c1',
      seq: 99,
      agent: { id: 'someone', displayName: 'Someone' },
      request: { ...frame!, transcript: { entries: [] } },
    });
    // A marker after it: frames keep their order per socket, so a second copy would be in.
    createSocketDelivery(test.server.io).toAgents('c1', {
      v: 1,
      type: 'typing',
      id: 'marker-1',
      ts: new Date().toISOString(),
      conversationId: 'c1',
      from: 'patient',
      active: false,
    });
    const seen = async (client: FrameClient<ServerToAgent>) => {
      await client.waitFor('typing', (f) => f.id === 'marker-1');
      const copies = client.of('conversation.assigned').filter((f) => f.id === 'broadcast-1');
      expect(copies).toHaveLength(1);
      return copies[0]!.request.patient.attributes;
    };
    expect(await seen(standard.client)).toEqual([SHOWN]);
    expect(await seen(clinical.client)).toEqual([SHOWN, CLINICAL]);
  });
});

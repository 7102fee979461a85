import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { patientMessage } from '@baton/handoff-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConversationStore } from '../../src/storage/contract';
import type { KeyRingConfig } from '../../src/storage/crypto';
import { SqliteConversationStore } from '../../src/storage/sqlite/store';
import { handoffRequestFrame } from '../support/frames';
import { testKeyRing } from '../support/keys';
import { eventually } from '../support/recording';
import { createTestEngine, patient } from './setup';

let cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

/** Two "nodes": two engines, each with its own handle on one SQLite file. */
function sharedFile() {
  const dir = mkdtempSync(join(tmpdir(), 'baton-timers-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const ring: KeyRingConfig = testKeyRing();
  return () => {
    const store = new SqliteConversationStore({ filename: join(dir, 'baton.db'), keyRing: ring });
    cleanups.push(() => store.close());
    return store;
  };
}

async function node(
  store: ConversationStore,
  timeouts: { queueTimeoutMs: number; patientIdleMs: number },
) {
  const setup = createTestEngine({
    store: store as never,
    timeouts,
    schedules: { pollMs: 50, leaseMs: 5000 },
  });
  await setup.engine.start();
  cleanups.push(() => setup.engine.stop());
  return setup;
}

/** Events of this type in the committed log. */
async function eventsOf(store: ConversationStore, id: string, type: string): Promise<number> {
  const log = await store.listMessages(id);
  return log.filter((m) => {
    const body = JSON.parse(m.body) as { kind?: string; event?: { type?: string } };
    return body.kind === 'event' && body.event?.type === type;
  }).length;
}

describe('durable deadlines', () => {
  it('a queue deadline armed on one node fires once, on one node, also after a restart', async () => {
    const open = sharedFile();
    const store = open();
    const a = await node(store, { queueTimeoutMs: 300, patientIdleMs: 60_000 });
    const b = await node(open(), { queueTimeoutMs: 300, patientIdleMs: 60_000 });
    for (const id of ['q1', 'q2', 'q3']) {
      await a.engine.patient.handoffRequest(patient(`p-${id}`), handoffRequestFrame(id));
    }
    await a.engine.stop();
    // A node started after the deadline was armed (a restart) must not arm a second one.
    const c = await node(open(), { queueTimeoutMs: 300, patientIdleMs: 60_000 });
    for (const id of ['q1', 'q2', 'q3']) {
      await eventually(async () => (await store.getConversation(id))?.state === 'expired');
    }
    await b.engine.idle();
    await c.engine.idle();
    for (const id of ['q1', 'q2', 'q3']) {
      expect(await eventsOf(store, id, 'handoff.failed')).toBe(1);
      expect(await store.getSchedule('queue', id)).toBeNull();
    }
  });

  it('idle is judged on the last activity, wherever the patient is active', async () => {
    const open = sharedFile();
    const store = open();
    const timeouts = { queueTimeoutMs: 60_000, patientIdleMs: 400 };
    const a = await node(store, timeouts);
    await a.engine.patient.handoffRequest(patient('pat-1'), handoffRequestFrame('c1'));
    // Another node starts and the patient keeps talking to the first: nothing may end. She
    // talks until the idle deadline has come due twice (on either node) and was pushed back
    // each time: each new due time in the schedule is one such judgement.
    const b = await node(open(), timeouts);
    const dueTimes = new Set<string>();
    for (let i = 0; i < 100 && dueTimes.size < 3; i += 1) {
      await a.engine.patient.message(
        patient('pat-1'),
        patientMessage('message', { conversationId: 'c1', clientMessageId: `m${i}`, text: 'hi' }),
      );
      const due = (await store.getSchedule('idle', 'c1'))?.dueAt;
      if (due) dueTimes.add(due);
      await new Promise((resolve) => setTimeout(resolve, 100)); // a person's pace
    }
    expect(dueTimes.size).toBe(3);
    expect((await store.getConversation('c1'))?.state).toBe('handoff_requested');
    // Then the patient goes quiet: abandoned once.
    await eventually(async () => (await store.getConversation('c1'))?.state === 'abandoned');
    await a.engine.idle();
    await b.engine.idle();
    expect(await eventsOf(store, 'c1', 'handoff.ended')).toBe(1);
  });
});

describe('half-written handoff from an older version', () => {
  it('takes the patient retry: ack, request entry, handover', async () => {
    const store = sharedFile()();
    // What a kill -9 between the old writes left: the conversation, nothing else.
    await store.createConversation({ id: 'c1', patientId: 'pat-1', state: 'handoff_requested' });
    const setup = await node(store, { queueTimeoutMs: 60_000, patientIdleMs: 60_000 });
    const ack = await setup.engine.patient.handoffRequest(
      patient('pat-1'),
      handoffRequestFrame('c1'),
    );
    expect(ack.seq).toBe(1);
    const again = await setup.engine.patient.handoffRequest(
      patient('pat-1'),
      handoffRequestFrame('c1'),
    );
    expect(again.seq).toBe(1);
    expect(await eventsOf(store, 'c1', 'handoff.request')).toBe(1);
    expect(await store.getTranscript('c1')).not.toBeNull();
    await setup.engine.idle();
    expect(setup.adapter.calls.filter((c) => c.call === 'handoff')).toHaveLength(1);
  });
});

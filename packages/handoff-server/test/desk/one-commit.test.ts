import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { agentMessage } from '@baton/handoff-protocol';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ConversationStore } from '../../src/storage/contract';
import { GroupCommit } from '../../src/storage/sqlite/group-commit';
import { SqliteConversationStore } from '../../src/storage/sqlite/store';
import { handoffRequestFrame } from '../support/frames';
import { testKeyRing } from '../support/keys';
import { connectAgent, connectPatient, startTestServer } from '../support/server';

let cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
  vi.restoreAllMocks();
});

/** The store calls made while `meter.on`, by name, in order. */
const meter = { on: false, calls: [] as string[] };

function recorded(store: ConversationStore): ConversationStore {
  return new Proxy(store, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (meter.on) meter.calls.push(String(name));
        return value.apply(target, args);
      };
    },
  });
}

async function deskOnSqlite() {
  const dir = mkdtempSync(join(tmpdir(), 'baton-one-commit-'));
  const raw = new SqliteConversationStore({
    filename: join(dir, 'baton.db'),
    keyRing: testKeyRing(),
  });
  // The scheduler's poll stays out of the window (its claims are writes of their own).
  const test = await startTestServer({ store: recorded(raw), schedules: { pollMs: 60_000 } });
  cleanups.push(() => test.close());
  const agent = await connectAgent(test.url, await test.tokens.staff('agent-1'));
  cleanups.push(() => agent.close());
  agent.send(agentMessage('queue.subscribe', {}));
  await agent.waitFor('queue.snapshot');
  return { test, agent, raw };
}

describe('a handoff with the built-in desk on SQLite', () => {
  it('commits the request and its queue entry in one transaction, then tells the patient', async () => {
    const { test, agent, raw } = await deskOnSqlite();
    const writes = vi.spyOn(GroupCommit.prototype, 'write');
    const patient = await connectPatient(test.url, await test.tokens.patient('p-1'));
    cleanups.push(() => patient.close());
    writes.mockClear();
    meter.calls = [];
    meter.on = true;
    patient.send(handoffRequestFrame('c-1'));
    const seen = await agent.waitFor(
      'queue.update',
      (u) => u.change.op === 'upsert' && u.change.item.conversationId === 'c-1',
    );
    const queued = await patient.waitFor('handoff.queued');
    meter.on = false;
    // One store write from the request to the patient's `handoff.queued`: one fsync'd commit.
    expect(meter.calls.filter((call) => call === 'createHandoff')).toEqual(['createHandoff']);
    expect(meter.calls).not.toContain('enqueue');
    expect(meter.calls.filter((call) => /Schedule/.test(call))).toEqual([]);
    expect(writes).toHaveBeenCalledTimes(1);
    expect(seen.change.op === 'upsert' && seen.change.item.queue).toBe(queued.queue.queue);
    expect(queued.queue.position).toBe(1);
    // The ack first, then the queue status, as with any adapter.
    const frames = patient.frames.map((frame) => frame.type);
    expect(frames.indexOf('ack')).toBeGreaterThanOrEqual(0);
    expect(frames.indexOf('ack')).toBeLessThan(frames.indexOf('handoff.queued'));
    expect(await raw.getConversation('c-1')).toMatchObject({ state: 'queued' });
    expect(await raw.queuePosition('c-1')).toMatchObject({ position: 1 });
    // Its deadlines came with it: the queue timeout and the unstaffed check.
    expect(await raw.getSchedule('queue', 'c-1')).not.toBeNull();
    expect(await raw.getSchedule('unstaffed', 'c-1')).not.toBeNull();
  });

  it('still places a second patient behind the first, and the agent can claim it', async () => {
    const { test, agent } = await deskOnSqlite();
    for (const id of ['c-1', 'c-2']) {
      const patient = await connectPatient(test.url, await test.tokens.patient(`p-${id}`));
      cleanups.push(() => patient.close());
      patient.send(handoffRequestFrame(id));
      const queued = await patient.waitFor('handoff.queued');
      expect(queued.queue.position).toBe(id === 'c-1' ? 1 : 2);
    }
    agent.send(agentMessage('conversation.claim', { conversationId: 'c-2' }));
    const assigned = await agent.waitFor(
      'conversation.assigned',
      (f) => f.conversationId === 'c-2',
    );
    expect(assigned.conversationId).toBe('c-2');
  });
});

import { agentMessage } from '@baton/handoff-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryConversationStore } from '../../src/storage/memory';
import { handoffRequestFrame, sampleRequest } from '../support/frames';
import { connectAgent, connectPatient, startTestServer } from '../support/server';

let cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

/** A store that counts the calls made to it while `counting` is on (polling excluded). */
function countingStore() {
  const calls = new Map<string, number>();
  const state = { counting: false };
  const store = new Proxy(new MemoryConversationStore(), {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        // The durable scheduler polls on its own clock: not part of a handoff's cost.
        // One patient's live conversations (the one-live-handoff check) is bounded by that
        // patient, not by the queue or the history: counted under its own name.
        const key =
          name === 'listConversations' && (args[0] as { patientId?: string })?.patientId
            ? 'listConversations(patient)'
            : String(name);
        if (state.counting && name !== 'claimDueSchedules')
          calls.set(key, (calls.get(key) ?? 0) + 1);
        return value.apply(target, args);
      };
    },
  });
  return { store, calls, state };
}

/**
 * Store calls for one urgent handoff (request → queued at the front → agents and supervisors
 * told → every patient behind moves back → KPIs), then for its claim (→ they all move up),
 * with `waiting` patients already queued and `finished` conversations in the history.
 */
async function storeCallsPerHandoff(waiting: number, finished: number) {
  const { store, calls, state } = countingStore();
  for (let i = 0; i < waiting; i += 1) {
    const id = `w${i}`;
    await store.createConversation({ id, patientId: `pw${i}`, state: 'handoff_requested' });
    await store.enqueue(id, { queue: 'cardiology', priority: 'routine' });
  }
  for (let i = 0; i < finished; i += 1) {
    await store.createConversation({ id: `f${i}`, patientId: `pf${i}` });
    await store.updateState(`f${i}`, { expected: 'bot', next: 'ended' });
  }
  const test = await startTestServer({ store, schedules: { pollMs: 60_000 } });
  cleanups.push(() => test.close());
  const supervisor = await connectAgent(test.url, await test.tokens.staff('sup', ['supervisor']));
  const agent = await connectAgent(test.url, await test.tokens.staff('agent-1'));
  const back = await connectPatient(test.url, await test.tokens.patient('p-back'));
  const patient = await connectPatient(test.url, await test.tokens.patient('p-new'));
  cleanups.push(
    () => supervisor.close(),
    () => agent.close(),
    () => back.close(),
    () => patient.close(),
  );
  back.send(handoffRequestFrame('c-back'));
  expect((await back.waitFor('handoff.queued')).queue.position).toBe(waiting + 1);
  supervisor.send(agentMessage('supervisor.subscribe', {}));
  await supervisor.waitFor('supervisor.snapshot');

  state.counting = true;
  patient.send(handoffRequestFrame('c-new', 'req-new', sampleRequest({ priority: 'urgent' })));
  expect((await patient.waitFor('handoff.queued')).queue.position).toBe(1);
  await back.waitFor('handoff.queued', (f) => f.queue.position === waiting + 2);
  await supervisor.waitFor('supervisor.update', (u) =>
    (u.upserted ?? []).some((c) => c.conversationId === 'c-new' && c.state === 'queued'),
  );
  await supervisor.waitFor('supervisor.update', (u) => u.kpis?.queued === waiting + 2);
  state.counting = false;
  const handoff = Object.fromEntries(calls);
  calls.clear();

  state.counting = true;
  agent.send(agentMessage('conversation.claim', { conversationId: 'c-new' }));
  await agent.waitFor('conversation.assigned');
  await back.waitFor('handoff.queued', (f) => f.queue.position === waiting + 1);
  await supervisor.waitFor('supervisor.update', (u) => u.kpis?.queued === waiting + 1);
  state.counting = false;
  return { handoff, claim: Object.fromEntries(calls) };
}

describe('desk cost per handoff', () => {
  it('makes the same store calls whatever the queue length or the history size', async () => {
    const small = await storeCallsPerHandoff(3, 0);
    const longQueue = await storeCallsPerHandoff(300, 0);
    const longHistory = await storeCallsPerHandoff(3, 2000);
    expect(longQueue.handoff).toEqual(small.handoff);
    expect(longHistory.handoff).toEqual(small.handoff);
    expect(longQueue.claim).toEqual(small.claim);
    expect(longHistory.claim).toEqual(small.claim);
    // Never a full list of conversations on the way (KPIs come from counts).
    expect(small.handoff.listConversations ?? 0).toBe(0);
    expect(small.claim.listConversations ?? 0).toBe(0);
    // The request, its deadlines and the escalation's analytics record are one commit (one
    // fsync before the adapter is called), not a second write after it.
    expect(small.handoff.createHandoff).toBe(1);
    expect(small.handoff.recordEscalation ?? 0).toBe(0);
  });
});

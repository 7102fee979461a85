import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { agentMessage } from '@baton/handoff-protocol';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConversationStore } from '../../src/storage/contract';
import { MemoryConversationStore } from '../../src/storage/memory';
import { CountedQueue } from '../../src/storage/memory/queue-counts';
import { SqliteConversationStore } from '../../src/storage/sqlite/store';
import { handoffRequestFrame } from '../support/frames';
import { testKeyRing } from '../support/keys';
import { connectAgent, connectPatient, startTestServer } from '../support/server';

let cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

/** What one handoff cycle costs: store calls, SQL statements run, in-memory entries visited. */
interface Cost {
  calls: Record<string, number>;
  statements: Record<string, number>;
  entriesVisited: number;
}

const meter = {
  counting: false,
  calls: new Map<string, number>(),
  statements: new Map<string, number>(),
  visited: 0,
};
const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);

/**
 * The group commit's and the checkpoints' own statements (`PRAGMA synchronous` around each
 * group, savepoints, the WAL reading after a checkpoint): how many of those run depends on how
 * the cycle's writes fell into event-loop turns and when a checkpoint ended, not on the queue.
 */
const BOOKKEEPING = /^\s*(PRAGMA|SAVEPOINT|RELEASE|ROLLBACK TO)\b/i;

/** Every other SQLite statement run while counting, by its text (statements are shared). */
function recordSqliteStatements(): () => void {
  const db = new Database(':memory:');
  const proto = Object.getPrototypeOf(db.prepare('SELECT 1')) as Record<string, unknown>;
  db.close();
  const originals = ['run', 'get', 'all', 'iterate'].map((name) => [name, proto[name]] as const);
  for (const [name, original] of originals)
    proto[name] = function (this: { source: string }, ...args: unknown[]) {
      if (meter.counting && !/\bschedules\b/.test(this.source) && !BOOKKEEPING.test(this.source))
        bump(meter.statements, this.source.replace(/\s+/g, ' '));
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    };
  return () => {
    for (const [name, original] of originals) proto[name] = original;
  };
}

/** Every entry the in-memory queue yields to a walk (values, entries, keys, for-of, forEach). */
function countQueueWalks(): () => void {
  const proto = CountedQueue.prototype as unknown as Record<PropertyKey, unknown>;
  const names: PropertyKey[] = ['values', 'entries', 'keys', Symbol.iterator];
  for (const name of names)
    proto[name] = function* (this: Map<string, unknown>) {
      const walk = (Map.prototype as unknown as Record<PropertyKey, () => Iterable<unknown>>)[
        name
      ]!;
      for (const item of walk.call(this)) {
        if (meter.counting) meter.visited += 1;
        yield item;
      }
    };
  proto.forEach = function (this: Map<string, unknown>, fn: (...a: unknown[]) => void) {
    for (const [key, value] of Map.prototype.entries.call(this)) {
      if (meter.counting) meter.visited += 1;
      fn(value, key, this);
    }
  };
  return () => {
    for (const name of [...names, 'forEach']) delete proto[name];
  };
}

/**
 * The engine's durable timers: the scheduler polls on its own clock, and the engine arms and
 * clears deadlines on its own chain, not the desk's, so whether the last one lands inside the
 * measured window is timing, not queue length. Left out of the comparison.
 */
const isTimer = (what: string) => /schedule/i.test(what);

function counted(store: ConversationStore): ConversationStore {
  return new Proxy(store, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (meter.counting && !isTimer(String(name))) bump(meter.calls, String(name));
        return value.apply(target, args);
      };
    },
  });
}

/**
 * With `waiting` routine patients queued: one more routine handoff (it stands at the back),
 * its claim and its end, closed by the next handoff's arrival (the desk publishes changes in
 * order, so the claim's and the end's updates are done by then). The benchmark's cycle.
 */
async function handoffCycle(kind: 'memory' | 'sqlite', waiting: number): Promise<Cost> {
  const dir = mkdtempSync(join(tmpdir(), 'baton-queue-cost-'));
  const raw =
    kind === 'memory'
      ? new MemoryConversationStore()
      : new SqliteConversationStore({ filename: join(dir, 'baton.db'), keyRing: testKeyRing() });
  for (let i = 0; i < waiting; i += 1) {
    await raw.createConversation({ id: `w${i}`, patientId: `pw${i}`, state: 'handoff_requested' });
    await raw.enqueue(`w${i}`, { queue: 'cardiology', priority: 'routine' });
  }
  const test = await startTestServer({ store: counted(raw), schedules: { pollMs: 60_000 } });
  cleanups.push(() => test.close());
  const agent = await connectAgent(test.url, await test.tokens.staff('agent-1'));
  cleanups.push(() => agent.close());
  agent.send(agentMessage('queue.subscribe', {}));
  await agent.waitFor('queue.snapshot');
  const arrive = async (id: string) => {
    const patient = await connectPatient(test.url, await test.tokens.patient(`p-${id}`));
    cleanups.push(() => patient.close());
    patient.send(handoffRequestFrame(id));
    await agent.waitFor(
      'queue.update',
      (u) => u.change.op === 'upsert' && u.change.item.conversationId === id,
    );
    return patient;
  };
  const cycle = async (id: string) => {
    const patient = await arrive(id);
    expect((await patient.waitFor('handoff.queued')).queue.position).toBe(waiting + 1);
    agent.send(agentMessage('conversation.claim', { conversationId: id }));
    await agent.waitFor('conversation.assigned', (f) => f.conversationId === id);
    agent.send(agentMessage('conversation.end', { conversationId: id, reason: 'resolved' }));
    await patient.waitFor('handoff.ended');
  };
  await cycle('warm-up');
  meter.calls.clear();
  meter.statements.clear();
  meter.visited = 0;
  meter.counting = true;
  await cycle('measured');
  await arrive('next');
  meter.counting = false;
  return {
    calls: Object.fromEntries(meter.calls),
    statements: Object.fromEntries(meter.statements),
    entriesVisited: meter.visited,
  };
}

describe('a handoff at the back of a long queue', () => {
  it('costs the same store calls and visits no queue entry in memory, at 10 or 2,000 waiting', async () => {
    const restore = countQueueWalks();
    cleanups.push(restore);
    const short = await handoffCycle('memory', 10);
    const long = await handoffCycle('memory', 2000);
    expect(long.calls).toEqual(short.calls);
    // Places come from the per-priority counts: no walk of the queue at either length.
    expect(short.entriesVisited).toBe(0);
    expect(long.entriesVisited).toBe(0);
    // Nobody stood behind the claimed one: no queue read for a position update.
    expect(short.calls.listQueue ?? 0).toBe(0);
  });

  it('runs the same SQL statements on SQLite at 10 or 2,000 waiting, none a walk of the queue', async () => {
    const restore = recordSqliteStatements();
    cleanups.push(restore);
    const short = await handoffCycle('sqlite', 10);
    const long = await handoffCycle('sqlite', 2000);
    expect(long.calls).toEqual(short.calls);
    expect(long.statements).toEqual(short.statements);
    const walks = Object.keys(short.statements).filter((sql) =>
      /COUNT\(\*\)( AS \w+)? FROM queue_entries WHERE queue = \? AND priority_rank <=|FROM queue_entries WHERE queue = \? ORDER BY/.test(
        sql,
      ),
    );
    expect(walks).toEqual([]);
    expect(Object.keys(short.statements).some((sql) => sql.includes('queue_counts'))).toBe(true);
  });
});

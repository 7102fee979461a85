import { BatonProtocolError, patientMessage } from '@baton/handoff-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConversationStore } from '../../src/storage/contract';
import { SqliteConversationStore } from '../../src/storage/sqlite/store';
import { handoffRequestFrame } from '../support/frames';
import { testKeyRing } from '../support/keys';
import { createTestEngine, patient } from './setup';

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

/** A SQLite store whose calls are counted by method name. */
function countedSqlite() {
  const real = new SqliteConversationStore({ filename: ':memory:', keyRing: testKeyRing() });
  const calls = new Map<string, number>();
  const store = new Proxy(real, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver);
      if (typeof value !== 'function' || typeof name !== 'string') return value;
      return (...args: unknown[]) => {
        calls.set(name, (calls.get(name) ?? 0) + 1);
        return value.apply(target, args);
      };
    },
  }) as ConversationStore;
  return { store, calls, close: () => real.close() };
}

async function started() {
  const counted = countedSqlite();
  const setup = createTestEngine({ store: counted.store });
  await setup.engine.start();
  stops.push(async () => {
    await setup.engine.stop();
    await counted.close();
  });
  await setup.engine.patient.handoffRequest(patient(), handoffRequestFrame('conv-1'));
  await setup.engine.idle();
  return { ...setup, calls: counted.calls };
}

const message = (clientMessageId: string, text = 'hello') =>
  patientMessage('message', { conversationId: 'conv-1', clientMessageId, text });

describe("a patient's message in one store step", () => {
  it('reads, checks and appends in one step: no read of its own, the same ack and frame', async () => {
    const setup = await started();
    setup.calls.clear();
    let joined = 0;
    const ack = await setup.engine.patient.message(patient(), message('m1'), () => {
      joined += 1;
    });
    expect(ack).toMatchObject({ type: 'ack', conversationId: 'conv-1', clientMessageId: 'm1' });
    expect(setup.calls.get('appendIfAllowed')).toBe(1);
    expect(setup.calls.get('getConversation')).toBeUndefined();
    expect(setup.calls.get('appendMessage')).toBeUndefined();
    expect(joined).toBe(1);
    const own = setup.delivery.patient.filter((p) => p.frame.type === 'message');
    expect(own.map((p) => (p.frame as { seq: number }).seq)).toEqual([ack.seq]);
    // A retry of the same message is the same ack, nothing new delivered.
    const again = await setup.engine.patient.message(patient(), message('m1'));
    expect(again.seq).toBe(ack.seq);
    expect(setup.delivery.patient.filter((p) => p.frame.type === 'message')).toHaveLength(1);
  });

  it("another patient's message is refused, audited as a denial, and writes nothing", async () => {
    const setup = await started();
    const before = await setup.store.listMessages('conv-1');
    await expect(
      setup.engine.patient.message(patient('intruder'), message('x1')),
    ).rejects.toBeInstanceOf(BatonProtocolError);
    expect(await setup.store.listMessages('conv-1')).toEqual(before);
    const audit = await setup.store.queryAudit({ conversationId: 'conv-1' });
    expect(audit.map((r) => [r.action, r.outcome, r.actorId, r.reason])).toContainEqual([
      'conversation.message',
      'denied',
      'intruder',
      'not_own_conversation',
    ]);
  });

  it('after the end: refused as illegal, and a message committed before is still re-acked', async () => {
    const setup = await started();
    const ack = await setup.engine.patient.message(patient(), message('m1'));
    await setup.engine.patient.leave(
      patient(),
      patientMessage('leave', { conversationId: 'conv-1' }),
    );
    await expect(setup.engine.patient.message(patient(), message('m2'))).rejects.toMatchObject({
      code: 'illegal_transition',
    });
    expect((await setup.engine.patient.message(patient(), message('m1'))).seq).toBe(ack.seq);
  });
});

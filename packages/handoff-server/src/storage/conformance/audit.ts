import { describe, expect, it } from 'vitest';
import type { ConversationStore } from '../contract';
import type { AuditEvent } from '../records';
import { nextMillisecond, type SuiteContext } from './fixture';

const view: AuditEvent = {
  action: 'transcript.view',
  outcome: 'allowed',
  actorId: 'a1',
  actorRole: 'agent',
  conversationId: 'c1',
  patientId: 'p1',
};
const denial: AuditEvent = {
  action: 'conversation.claim',
  outcome: 'denied',
  actorId: 'a2',
  actorRole: 'agent',
  conversationId: 'c1',
  reason: 'not_in_queue',
};
const configChange: AuditEvent = {
  action: 'config.update',
  outcome: 'allowed',
  actorId: 'admin',
  actorRole: 'admin',
};

/** Every own or inherited property name of the store object, up to `Object.prototype`. */
function propertyNames(store: ConversationStore): string[] {
  const names = new Set<string>(Object.keys(store));
  for (
    let proto: object | null = Object.getPrototypeOf(store);
    proto && proto !== Object.prototype;
    proto = Object.getPrototypeOf(proto)
  ) {
    for (const name of Object.getOwnPropertyNames(proto)) names.add(name);
  }
  return [...names];
}

/** The append-only audit log: ids only, store-stamped time, queries by id and time. */
export function auditSuite(ctx: SuiteContext): void {
  describe('audit log', () => {
    it('appends records with ids and queries by conversation, actor and time', async () => {
      const store = ctx.store();
      const first = await store.appendAudit(view);
      await nextMillisecond();
      const second = await store.appendAudit(denial);
      await nextMillisecond();
      const third = await store.appendAudit(configChange);
      expect(first).toEqual({
        id: expect.any(Number),
        action: 'transcript.view',
        outcome: 'allowed',
        actorId: 'a1',
        actorRole: 'agent',
        conversationId: 'c1',
        patientId: 'p1',
        targetId: null,
        reason: null,
        at: expect.any(String),
      });
      expect(new Set([first.id, second.id, third.id]).size).toBe(3);
      expect((await store.queryAudit({ conversationId: 'c1' })).map((r) => r.actorId)).toEqual([
        'a1',
        'a2',
      ]);
      expect((await store.queryAudit({ actorId: 'a2' }))[0]).toMatchObject({
        outcome: 'denied',
        reason: 'not_in_queue',
      });
      expect(
        (await store.queryAudit({ from: second.at, to: third.at })).map((r) => r.action),
      ).toEqual(['conversation.claim', 'config.update']);
      expect((await store.queryAudit({ to: first.at })).map((r) => r.action)).toEqual([
        'transcript.view',
      ]);
      expect(await store.queryAudit({ limit: 1 })).toHaveLength(1);
    });

    it('stamps the time of the append itself and ignores a caller-supplied `at`', async () => {
      const store = ctx.store();
      const before = Date.now();
      const forged = await store.appendAudit({ ...view, at: '2001-01-01T00:00:00.000Z' });
      const after = Date.now();
      expect(forged.at).toBe(new Date(forged.at).toISOString());
      expect(Date.parse(forged.at)).toBeGreaterThanOrEqual(before);
      expect(Date.parse(forged.at)).toBeLessThanOrEqual(after);
      expect(await store.queryAudit({ to: '2002-01-01T00:00:00.000Z' })).toEqual([]);
      expect((await store.queryAudit({}))[0]?.at).toBe(forged.at);
    });

    it('keeps a caller-supplied `at` only when opened with trustAuditTimestamps', async () => {
      const trusting = await ctx.openStore({ trustAuditTimestamps: true });
      const kept = await trusting.appendAudit({ ...view, at: '2020-01-01T10:00:00.000Z' });
      await trusting.appendAudit({ ...denial, at: '2020-01-02T10:00:00.000Z' });
      await trusting.appendAudit({ ...configChange, at: '2020-01-03T10:00:00.000Z' });
      const offset = await trusting.appendAudit({
        ...configChange,
        at: '2020-01-04T12:00:00+02:00',
      });
      const stamped = await trusting.appendAudit(configChange);
      expect(kept.at).toBe('2020-01-01T10:00:00.000Z');
      expect(offset.at).toBe('2020-01-04T10:00:00.000Z');
      expect(Date.parse(stamped.at)).toBeGreaterThan(Date.parse('2020-01-03T10:00:00.000Z'));
      expect(
        (
          await trusting.queryAudit({
            from: '2020-01-02T00:00:00.000Z',
            to: '2020-01-03T10:00:00.000Z',
          })
        ).map((r) => r.action),
      ).toEqual(['conversation.claim', 'config.update']);
    });

    it('has no update or delete API', () => {
      const names = propertyNames(ctx.store());
      expect(names).toContain('appendAudit');
      expect(
        names.filter((m) => /audit/i.test(m) && !/^(appendAudit|queryAudit)$/.test(m)),
      ).toEqual([]);
    });
  });
}

import { describe, expect, it } from 'vitest';
import { HandoffServerError } from '../../internal/errors';
import { nextMillisecond, type SuiteContext } from './fixture';

const at = (minute: number) => new Date(Date.UTC(2026, 10, 25, 18, minute)).toISOString();

/** Bot conversations and the dashboard's recently-ended reads, the same in every backend. */
export function botSessionSuite(ctx: SuiteContext): void {
  describe('bot sessions', () => {
    it('registers once per id, keeps activity moving forward, ends once', async () => {
      const store = ctx.store();
      const first = await store.startBotSession({
        id: 'b1',
        patientId: 'p1',
        locale: 'fr',
        entryPath: '/rendez-vous',
        startedAt: at(0),
      });
      expect(first).toEqual({
        created: true,
        session: {
          id: 'b1',
          patientId: 'p1',
          locale: 'fr',
          entryPath: '/rendez-vous',
          startedAt: at(0),
          lastActivityAt: at(0),
          endedAt: null,
          outcome: null,
          escalation: null,
          handoffConversationId: null,
          timeZone: null,
        },
      });
      const again = await store.startBotSession({
        id: 'b1',
        patientId: 'p1',
        locale: 'en',
        entryPath: null,
        startedAt: at(5),
      });
      expect(again).toEqual({ created: false, session: first.session });
      await expect(
        store.startBotSession({
          id: 'b1',
          patientId: 'p2',
          locale: 'en',
          entryPath: null,
          startedAt: at(1),
        }),
      ).rejects.toSatisfy((e) => HandoffServerError.is(e, 'conflict'));

      expect((await store.touchBotSession('b1', at(3)))?.lastActivityAt).toBe(at(3));
      expect((await store.touchBotSession('b1', at(2)))?.lastActivityAt).toBe(at(3));
      expect(await store.touchBotSession('nobody', at(2))).toBeNull();

      const ended = await store.endBotSession('b1', {
        outcome: 'escalated',
        at: at(4),
        escalation: 'patient-requested',
        handoffConversationId: 'c1',
      });
      expect(ended).toMatchObject({
        endedAt: at(4),
        outcome: 'escalated',
        escalation: 'patient-requested',
        handoffConversationId: 'c1',
      });
      // The first outcome stays.
      expect(await store.endBotSession('b1', { outcome: 'abandoned', at: at(9) })).toBeNull();
      expect(await store.touchBotSession('b1', at(10))).toBeNull();
      expect((await store.getBotSession('b1'))?.outcome).toBe('escalated');
    });

    it('lists open sessions oldest first and ended ones newest first, bounded', async () => {
      const store = ctx.store();
      for (const [id, minute] of [
        ['b3', 3],
        ['b1', 1],
        ['b2', 2],
        ['b4', 4],
      ] as const)
        await store.startBotSession({
          id,
          patientId: `p-${id}`,
          locale: 'en',
          entryPath: null,
          startedAt: at(minute),
        });
      await store.endBotSession('b2', { outcome: 'contained', at: at(10) });
      await store.endBotSession('b4', { outcome: 'abandoned', at: at(12) });
      expect((await store.listOpenBotSessions(10)).map((s) => s.id)).toEqual(['b1', 'b3']);
      expect((await store.listOpenBotSessions(1)).map((s) => s.id)).toEqual(['b1']);
      expect(await store.countOpenBotSessions()).toBe(2);
      expect((await store.listBotSessionsEndedSince(at(10), 10)).map((s) => s.id)).toEqual([
        'b4',
        'b2',
      ]);
      expect((await store.listBotSessionsEndedSince(at(11), 10)).map((s) => s.id)).toEqual(['b4']);
      expect(await store.listBotSessionsEndedSince(at(11), 0)).toEqual([]);
    });

    it('lists conversations finished since an instant, newest first', async () => {
      const store = ctx.store();
      for (const id of ['c1', 'c2', 'c3'])
        await store.createConversation({ id, patientId: `p-${id}`, state: 'handoff_requested' });
      const before = new Date(Date.now() - 1000).toISOString();
      await store.updateState('c1', { expected: 'handoff_requested', next: 'failed' });
      await nextMillisecond();
      const between = new Date().toISOString();
      await nextMillisecond();
      await store.updateState('c2', { expected: 'handoff_requested', next: 'abandoned' });
      const recent = await store.listConversationsEndedSince(before, 10);
      expect(recent.map((c) => [c.id, c.state])).toEqual([
        ['c2', 'abandoned'],
        ['c1', 'failed'],
      ]);
      expect((await store.listConversationsEndedSince(between, 10)).map((c) => c.id)).toEqual([
        'c2',
      ]);
    });

    it('goes with the patient data and with the retention cutoff', async () => {
      const store = ctx.store();
      for (const [id, patientId] of [
        ['b1', 'p1'],
        ['b2', 'p2'],
        ['b3', 'p2'],
      ] as const)
        await store.startBotSession({
          id,
          patientId,
          locale: 'en',
          entryPath: null,
          startedAt: at(0),
        });
      await store.deletePatientData('p1', { actorId: 'root', actorRole: 'admin' });
      expect(await store.getBotSession('b1')).toBeNull();
      expect(await store.getBotSession('b2')).not.toBeNull();
      await store.endBotSession('b2', { outcome: 'contained', at: at(1) });
      await store.purgeFinishedBefore(new Date(at(2)));
      expect(await store.getBotSession('b2')).toBeNull();
      // Open ones are never purged.
      expect(await store.getBotSession('b3')).not.toBeNull();
    });
  });
}

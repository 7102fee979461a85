import { describe, expect, it } from 'vitest';
import { summarizeAnalytics } from '../../insights/analytics';
import type { ConversationStore } from '../contract';
import type { ConversationState } from '../records';
import { nextMillisecond, type SuiteContext } from './fixture';

const HOUR = 3_600_000;

/**
 * A scripted day: two conversations handled (one per agent), one abandoned, one expired, one
 * failed, one that stayed with the bot, follow-ups and survey answers.
 */
async function scriptedDay(store: ConversationStore): Promise<void> {
  const handled = [
    ['c1', 'agent-a', 60_000, 'patient-requested'],
    ['c2', 'agent-b', 120_000, 'urgent'],
  ] as const;
  for (const [id, agent, waitedMs, kind] of handled) {
    await store.createConversation({ id, patientId: `p-${id}`, state: 'handoff_requested' });
    await store.recordEscalation({
      conversationId: id,
      kind,
      requestedAt: new Date().toISOString(),
    });
    await store.enqueue(id, { queue: 'general', priority: 'routine' });
    await store.updateState(id, { expected: 'queued', next: 'assigned', assignedAgentId: agent });
    await store.recordQueueWait({
      queue: 'general',
      conversationId: id,
      waitedMs,
      claimedAt: new Date().toISOString(),
    });
    await store.appendMessage(id, {
      clientMessageId: `${id}-p`,
      from: 'patient',
      senderId: `p-${id}`,
      body: 'x',
    });
    await nextMillisecond();
    await store.appendMessage(id, {
      clientMessageId: `${id}-a`,
      from: 'agent',
      senderId: agent,
      body: 'y',
    });
    await store.updateState(id, { expected: 'assigned', next: 'ended' });
  }
  const lost: [string, string, ConversationState, string | null][] = [
    ['c3', 'billing', 'abandoned', 'patient-requested'],
    ['c4', 'general', 'expired', 'bot-failure'],
    ['c5', 'general', 'failed', null],
  ];
  for (const [id, queue, next, kind] of lost) {
    await store.createConversation({ id, patientId: `p-${id}`, state: 'handoff_requested' });
    if (kind)
      await store.recordEscalation({
        conversationId: id,
        kind,
        requestedAt: new Date().toISOString(),
      });
    await store.enqueue(id, { queue, priority: 'routine' });
    await store.updateState(id, { expected: 'queued', next });
  }
  await store.createConversation({ id: 'c6', patientId: 'p-c6' });
  for (const [id, conversationId] of [
    ['f4', 'c4'],
    ['f5', 'c5'],
  ] as const)
    await store.createFollowUp({
      id,
      key: `cause:${id}`,
      conversationId,
      queue: 'general',
      priority: 'routine',
      patientId: `p-${conversationId}`,
      kind: conversationId === 'c4' ? 'expired' : 'failed',
      detail: { reason: 'expired' },
    });
  await store.claimFollowUp('f4', 'agent-a');
  await store.closeFollowUp('f4', 'agent-a', 'called back');
  await store.saveSurvey({
    id: 'csat',
    title: 'Satisfaction',
    questions: [
      { id: 'q1', text: 'How was it?', kind: 'rating' },
      { id: 'q2', text: 'Solved?', kind: 'choice', choices: ['yes', 'no'] },
      { id: 'q3', text: 'Anything else?', kind: 'text' },
    ],
  });
  await store.recordSurveyResponse({
    id: 'r1',
    surveyId: 'csat',
    conversationId: 'c1',
    patientId: 'p-c1',
    answers: { q1: 5, q2: 'yes', q3: 'kind nurse' },
  });
  await store.recordSurveyResponse({
    id: 'r2',
    surveyId: 'csat',
    conversationId: 'c2',
    patientId: 'p-c2',
    answers: { q1: 3, q2: 'no' },
  });
}

/** Period analytics: the same facts, and so the same figures, from every backend. */
export function analyticsSuite(ctx: SuiteContext): void {
  describe('period analytics', () => {
    it('reports a scripted day with the same figures in every backend', async () => {
      const store = ctx.store();
      const start = new Date(Date.now() - HOUR).toISOString();
      await scriptedDay(store);
      const end = new Date(Date.now() + HOUR).toISOString();
      const day = start.slice(0, 10);
      const spec = {
        fromDay: day,
        toDay: end.slice(0, 10),
        fromInstant: start,
        toInstant: end,
        timeZone: 'UTC',
      };
      const facts = await store.analyticsFacts({ from: start, to: end });
      expect(facts.truncated).toBe(false);
      const report = summarizeAnalytics(facts, spec);
      expect(report.totals).toMatchObject({
        conversations: 6,
        escalated: 5,
        escalationRate: 0.8333,
        handled: 2,
        ended: 2,
        abandoned: 1,
        expired: 1,
        failed: 1,
        returnedToBot: 0,
        abandonmentRate: 0.6,
        waitP50Ms: 60_000,
        waitP90Ms: 120_000,
        ratingAverage: 4,
      });
      for (const key of ['firstResponseP50Ms', 'handleP50Ms'] as const) {
        expect(report.totals[key]).toBeGreaterThanOrEqual(1);
        expect(report.totals[key]).toBeLessThan(HOUR);
      }
      expect(report.escalationReasons).toEqual({
        'patient-requested': 2,
        urgent: 1,
        'bot-failure': 1,
        unknown: 1,
      });
      expect(report.days.reduce((n, d) => n + d.conversations, 0)).toBe(6);
      expect(report.queues.map((q) => [q.queue, q.conversations, q.handled])).toEqual([
        ['billing', 1, 0],
        ['general', 4, 2],
      ]);
      expect(report.agents.map((a) => [a.agentId, a.handled, a.ratingAverage])).toEqual([
        ['agent-a', 1, 5],
        ['agent-b', 1, 3],
      ]);
      expect(report.followUps).toMatchObject({
        opened: 2,
        closed: 1,
        stillOpen: 1,
        openedByKind: { expired: 1, failed: 1 },
      });
      expect(report.surveys).toEqual([
        expect.objectContaining({
          questionId: 'q1',
          responses: 2,
          average: 4,
          counts: { 1: 0, 2: 0, 3: 1, 4: 0, 5: 1 },
        }),
        expect.objectContaining({ questionId: 'q2', responses: 2, counts: { yes: 1, no: 1 } }),
        expect.objectContaining({ questionId: 'q3', kind: 'text', responses: 1, counts: {} }),
      ]);
    });

    it('slices by queue and agent, and leaves out what is outside the period', async () => {
      const store = ctx.store();
      const start = new Date(Date.now() - HOUR).toISOString();
      await scriptedDay(store);
      const end = new Date(Date.now() + HOUR).toISOString();
      const billing = await store.analyticsFacts({ from: start, to: end, queue: 'billing' });
      expect(billing.conversations.map((c) => [c.id, c.state])).toEqual([['c3', 'abandoned']]);
      expect(billing.waits).toEqual([]);
      const agentA = await store.analyticsFacts({ from: start, to: end, agentId: 'agent-a' });
      expect(agentA.conversations.map((c) => c.id)).toEqual(['c1']);
      expect(agentA.conversations[0]).toMatchObject({
        escalationKind: 'patient-requested',
        firstWaitMs: 60_000,
        agentId: 'agent-a',
      });
      expect(agentA.waits.map((w) => w.waitedMs)).toEqual([60_000]);
      expect(agentA.surveyResponses.map((r) => r.answers.q1)).toEqual([5]);
      expect(agentA.followUps.map((f) => f.id)).toEqual(['f4']);
      const before = await store.analyticsFacts({ from: new Date(0).toISOString(), to: start });
      expect(before).toEqual({
        conversations: [],
        waits: [],
        followUps: [],
        surveyResponses: [],
        surveys: [],
        truncated: false,
        botSessions: [],
      });
    });

    it('filters the audit log by action, newest first for the viewer', async () => {
      const store = ctx.store();
      for (const [action, actorId] of [
        ['settings.update', 'root'],
        ['analytics.read', 'sue'],
        ['settings.update', 'ada'],
      ] as const)
        await store.appendAudit({ action, outcome: 'allowed', actorId, actorRole: 'admin' });
      const updates = await store.queryAudit({ action: 'settings.update', newestFirst: true });
      expect(updates.map((a) => a.actorId)).toEqual(['ada', 'root']);
      expect((await store.queryAudit({ newestFirst: true, limit: 1 }))[0]?.actorId).toBe('ada');
      expect((await store.queryAudit({})).map((a) => a.actorId)).toEqual(['root', 'sue', 'ada']);
    });

    it('counts what a retention purge would delete, then purges exactly that', async () => {
      const store = ctx.store();
      await scriptedDay(store);
      const cutoff = new Date(Date.now() + HOUR);
      // Ended, abandoned, expired and failed count; the one with the bot does not.
      expect(await store.countFinishedBefore(cutoff)).toBe(5);
      expect(await store.countFinishedBefore(new Date(Date.now() - HOUR))).toBe(0);
      expect(await store.purgeFinishedBefore(cutoff)).toEqual({ conversations: 5 });
      expect(await store.countFinishedBefore(cutoff)).toBe(0);
    });

    it('keeps settings every node reads, replaced in place', async () => {
      const store = ctx.store();
      expect(await store.getSetting('business-hours')).toBeNull();
      const first = await store.putSetting(
        'business-hours',
        { general: { days: [1, 2] } },
        'admin-1',
      );
      expect(first).toMatchObject({ name: 'business-hours', updatedBy: 'admin-1' });
      await store.putSetting('business-hours', { general: { days: [3] } }, 'admin-2');
      await store.putSetting('analytics', { timeZone: 'Europe/Paris' }, 'admin-2');
      expect(await store.getSetting('business-hours')).toMatchObject({
        value: { general: { days: [3] } },
        updatedBy: 'admin-2',
      });
      expect((await store.listSettings()).map((s) => s.name)).toEqual([
        'analytics',
        'business-hours',
      ]);
    });
  });
}

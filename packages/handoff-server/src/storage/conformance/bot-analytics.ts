import { describe, expect, it } from 'vitest';
import { summarizeAnalytics } from '../../insights/analytics';
import type { ConversationStore } from '../contract';
import type { SuiteContext } from './fixture';

const HOUR = 3_600_000;
const at = (day: number, hour: number, minute = 0) =>
  new Date(Date.UTC(2026, 2, day, hour, minute)).toISOString();

/**
 * A scripted bot day (10 March 2026, UTC): contained, escalated, abandoned, one still open
 * near midnight from Auckland, and one from Los Angeles that is the 11th in UTC but the 10th
 * for the patient.
 */
async function scriptedBotDay(store: ConversationStore): Promise<void> {
  const sessions = [
    ['b1', 'en', '/home', at(10, 10), 'Europe/Paris'],
    ['b2', 'fr', '/rendez-vous', at(10, 11), null],
    ['b3', 'en', '/home', at(10, 12), null],
    ['b4', 'es', '/home', at(10, 23, 30), 'Pacific/Auckland'],
    ['b5', 'en', '/home', at(11, 3), 'America/Los_Angeles'],
  ] as const;
  for (const [id, locale, entryPath, startedAt, timeZone] of sessions)
    await store.startBotSession({
      id,
      patientId: `p-${id}`,
      locale,
      entryPath,
      startedAt,
      timeZone,
    });
  await store.endBotSession('b1', { outcome: 'contained', at: at(10, 10, 5) });
  await store.endBotSession('b2', {
    outcome: 'escalated',
    at: at(10, 11, 2),
    escalation: 'urgent',
    handoffConversationId: 'c-b2',
  });
  await store.endBotSession('b3', { outcome: 'abandoned', at: at(10, 12, 30) });
  await store.endBotSession('b5', { outcome: 'contained', at: at(11, 3, 10) });
}

const day = {
  fromDay: '2026-03-10',
  toDay: '2026-03-10',
  fromInstant: at(10, 0),
  toInstant: at(11, 0),
  timeZone: 'UTC',
};

/** Bot containment and the patient's time zone: the same figures from every backend. */
export function botAnalyticsSuite(ctx: SuiteContext): void {
  describe('bot analytics', () => {
    it('reports containment, reasons, pages and durations of the period’s bot sessions', async () => {
      const store = ctx.store();
      await scriptedBotDay(store);
      const facts = await store.analyticsFacts({ from: day.fromInstant, to: day.toInstant });
      expect(facts.botSessions.map((s) => [s.id, s.outcome, s.timeZone])).toEqual([
        ['b1', 'contained', 'Europe/Paris'],
        ['b2', 'escalated', null],
        ['b3', 'abandoned', null],
        ['b4', null, 'Pacific/Auckland'],
      ]);
      const report = summarizeAnalytics(facts, day);
      expect(report.bot).toEqual({
        sessions: 4,
        open: 1,
        contained: 1,
        escalated: 1,
        abandoned: 1,
        containmentRate: 0.5,
        resolvedRate: 0.25,
        escalationRate: 0.25,
        abandonmentRate: 0.25,
        escalationReasons: { urgent: 1 },
        durationP50Ms: 5 * 60_000,
        durationP90Ms: 30 * 60_000,
        locales: { en: 2, fr: 1, es: 1 },
        entryPaths: [
          { path: '/home', sessions: 3, contained: 1, escalated: 0 },
          { path: '/rendez-vous', sessions: 1, contained: 0, escalated: 1 },
        ],
      });
      expect(report.days).toEqual([expect.objectContaining({ botSessions: 4, botContained: 1 })]);
      expect(report.hours.filter((h) => h.botSessions > 0).map((h) => h.hour)).toEqual([
        10, 11, 12, 23,
      ]);
      // Sliced by queue: bot sessions have none, so no bot figures rather than wrong ones.
      expect(summarizeAnalytics(facts, { ...day, queue: 'general' }).bot).toBeNull();
    });

    it('counts days and hours in each patient’s own zone when asked', async () => {
      const store = ctx.store();
      await scriptedBotDay(store);
      const facts = await store.analyticsFacts({
        from: new Date(Date.parse(day.fromInstant) - 14 * HOUR).toISOString(),
        to: new Date(Date.parse(day.toInstant) + 14 * HOUR).toISOString(),
      });
      const report = summarizeAnalytics(facts, { ...day, zone: 'patient' });
      expect(report.period.zone).toBe('patient');
      // b4 is the 11th in Auckland; b5 the 10th, 20:00, in Los Angeles.
      expect(report.bot?.sessions).toBe(4);
      expect(report.bot?.contained).toBe(2);
      expect(report.hours.filter((h) => h.botSessions > 0)).toEqual([
        { hour: 11, botSessions: 2, conversations: 0 },
        { hour: 12, botSessions: 1, conversations: 0 },
        { hour: 20, botSessions: 1, conversations: 0 },
      ]);
    });

    it('gives a handed-off conversation the zone of the bot session that led to it', async () => {
      const store = ctx.store();
      const from = new Date(Date.now() - HOUR).toISOString();
      await store.createConversation({ id: 'cz', patientId: 'p-z', state: 'handoff_requested' });
      await store.createConversation({ id: 'cu', patientId: 'p-u', state: 'handoff_requested' });
      const now = new Date().toISOString();
      await store.startBotSession({
        id: 'bz',
        patientId: 'p-z',
        locale: 'ja',
        entryPath: null,
        startedAt: now,
        timeZone: 'Asia/Tokyo',
      });
      await store.endBotSession('bz', {
        outcome: 'escalated',
        at: now,
        escalation: 'patient-requested',
        handoffConversationId: 'cz',
      });
      const to = new Date(Date.now() + HOUR).toISOString();
      const facts = await store.analyticsFacts({ from, to });
      const zones = Object.fromEntries(facts.conversations.map((c) => [c.id, c.patientTimeZone]));
      expect(zones).toEqual({ cz: 'Asia/Tokyo', cu: null });
    });
  });
}

import type { AnalyticsFacts, BotSessionFact, ConversationFact } from '../storage/insight-records';
import { localDay } from './time-zone';

/** Whose calendar the period's days and hours are counted in. */
export type AnalyticsZone = 'organisation' | 'patient';

/** How the bot did with the conversations that started in the period (no slice by queue). */
export interface BotFigures {
  /** Bot conversations the widget registered. */
  sessions: number;
  /** Still open when the report was read. */
  open: number;
  /** Closed by the bot without a person (the patient got an answer). */
  contained: number;
  escalated: number;
  /** The patient left, or stopped answering for the idle time. */
  abandoned: number;
  /** Ended without escalation (contained or abandoned) / all sessions. */
  containmentRate: number | null;
  /** Closed with the outcome `contained` / all sessions. */
  resolvedRate: number | null;
  escalationRate: number | null;
  abandonmentRate: number | null;
  /** Why the escalated ones went to a person (the detector's kind). */
  escalationReasons: Record<string, number>;
  /** Time from start to end of the ended sessions. */
  durationP50Ms: number | null;
  durationP90Ms: number | null;
  /** Sessions per locale, and per portal page the chat started on (the 10 busiest). */
  locales: Record<string, number>;
  entryPaths: { path: string; sessions: number; contained: number; escalated: number }[];
}

/** Sessions and conversations started per hour of the day (0–23) in the report's zone. */
export interface HourFigures {
  hour: number;
  botSessions: number;
  conversations: number;
}

const ratio = (part: number, whole: number) =>
  whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;

function nearestRank(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
}

export function botFigures(sessions: readonly BotSessionFact[]): BotFigures {
  const count = (outcome: BotSessionFact['outcome']) =>
    sessions.filter((s) => s.outcome === outcome).length;
  const contained = count('contained');
  const escalated = count('escalated');
  const abandoned = count('abandoned');
  const reasons: Record<string, number> = {};
  const locales: Record<string, number> = {};
  const pages = new Map<string, { sessions: number; contained: number; escalated: number }>();
  for (const s of sessions) {
    if (s.outcome === 'escalated') {
      const kind = s.escalation ?? 'unknown';
      reasons[kind] = (reasons[kind] ?? 0) + 1;
    }
    locales[s.locale] = (locales[s.locale] ?? 0) + 1;
    const path = s.entryPath ?? '(unknown)';
    const page = pages.get(path) ?? { sessions: 0, contained: 0, escalated: 0 };
    page.sessions += 1;
    if (s.outcome === 'contained') page.contained += 1;
    if (s.outcome === 'escalated') page.escalated += 1;
    pages.set(path, page);
  }
  const durations = sessions
    .filter((s) => s.endedAt !== null)
    .map((s) => Math.max(0, Date.parse(s.endedAt!) - Date.parse(s.startedAt)));
  return {
    sessions: sessions.length,
    open: sessions.filter((s) => s.endedAt === null).length,
    contained,
    escalated,
    abandoned,
    containmentRate: ratio(contained + abandoned, sessions.length),
    resolvedRate: ratio(contained, sessions.length),
    escalationRate: ratio(escalated, sessions.length),
    abandonmentRate: ratio(abandoned, sessions.length),
    escalationReasons: reasons,
    durationP50Ms: nearestRank(durations, 0.5),
    durationP90Ms: nearestRank(durations, 0.9),
    locales,
    entryPaths: [...pages]
      .map(([path, figures]) => ({ path, ...figures }))
      .sort((a, b) => b.sessions - a.sessions || (a.path < b.path ? -1 : 1))
      .slice(0, 10),
  };
}

export interface ZoneSpec {
  fromDay: string;
  toDay: string;
  fromInstant: string;
  toInstant: string;
  /** The organisation's zone. */
  timeZone: string;
  zone?: AnalyticsZone;
}

/** The zone a conversation's or session's local day and hour are read in. */
export function zoneOf(spec: ZoneSpec, patientZone: string | null): string {
  return spec.zone === 'patient' && patientZone !== null ? patientZone : spec.timeZone;
}

/** Hour of day (0–23) of instant `at` in `timeZone`. */
function localHour(at: string, timeZone: string): number {
  const hour = new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', hourCycle: 'h23' })
    .formatToParts(new Date(at))
    .find((p) => p.type === 'hour');
  return Number(hour?.value ?? 0) % 24;
}

/**
 * Keeps the facts that belong to the period: conversations and bot sessions whose local day
 * (in the patient's zone when `zone` is `patient`, else the organisation's) is one of the
 * period's days; claims and survey answers within the organisation's period. The store read a
 * wider range in patient mode (zones are at most 14 hours from UTC).
 */
export function factsInPeriod(facts: AnalyticsFacts, spec: ZoneSpec): AnalyticsFacts {
  const from = Date.parse(spec.fromInstant);
  const to = Date.parse(spec.toInstant);
  const inOrgPeriod = (at: string) => Date.parse(at) >= from && Date.parse(at) < to;
  const onDay = (at: string, zone: string | null) => {
    const day = localDay(at, zoneOf(spec, zone));
    return day >= spec.fromDay && day <= spec.toDay;
  };
  return {
    ...facts,
    conversations: facts.conversations.filter((c) => onDay(c.createdAt, c.patientTimeZone)),
    botSessions: facts.botSessions.filter((s) => onDay(s.startedAt, s.timeZone)),
    waits: facts.waits.filter((w) => inOrgPeriod(w.claimedAt)),
    surveyResponses: facts.surveyResponses.filter((r) => inOrgPeriod(r.submittedAt)),
  };
}

/** Starts per hour of day, each in its own zone (see `zoneOf`). */
export function hourFigures(
  conversations: readonly ConversationFact[],
  sessions: readonly BotSessionFact[],
  spec: ZoneSpec,
): HourFigures[] {
  const hours = Array.from({ length: 24 }, (_, hour) => ({
    hour,
    botSessions: 0,
    conversations: 0,
  }));
  for (const c of conversations)
    hours[localHour(c.createdAt, zoneOf(spec, c.patientTimeZone))]!.conversations += 1;
  for (const s of sessions)
    hours[localHour(s.startedAt, zoneOf(spec, s.timeZone))]!.botSessions += 1;
  return hours;
}

import { SYSTEM_ACTOR_ID } from '../storage/followup-records';
import type { AnalyticsFacts, ConversationFact, WaitFact } from '../storage/insight-records';
import {
  type AnalyticsZone,
  type BotFigures,
  botFigures,
  factsInPeriod,
  type HourFigures,
  hourFigures,
  zoneOf,
} from './bot-figures';
import { type QuestionFigures, surveyFigures } from './survey-figures';
import { daysBetween, localDay } from './time-zone';

/** The figures of one slice (the whole period, one queue, one agent). Times in ms. */
export interface Figures {
  /** Conversations created in the period. */
  conversations: number;
  /** Of those, handed to a person (a handoff was requested). */
  escalated: number;
  escalationRate: number | null;
  /** Reached an agent (claimed at least once). */
  handled: number;
  ended: number;
  returnedToBot: number;
  /** Patient left before an agent took it or while chatting. */
  abandoned: number;
  /** Nobody took it in time. */
  expired: number;
  /** The agent system refused or was unavailable. */
  failed: number;
  /** (abandoned + expired + failed) / escalated. */
  abandonmentRate: number | null;
  waitP50Ms: number | null;
  waitP90Ms: number | null;
  firstResponseP50Ms: number | null;
  firstResponseP90Ms: number | null;
  handleP50Ms: number | null;
  handleP90Ms: number | null;
  /** Mean of every 1–5 rating answered about these conversations. */
  ratingAverage: number | null;
}

export interface DayFigures {
  /** `YYYY-MM-DD` in the organisation's time zone. */
  day: string;
  conversations: number;
  escalated: number;
  handled: number;
  abandoned: number;
  /** Bot conversations started that day, and those the bot closed itself. */
  botSessions: number;
  botContained: number;
}

export interface FollowUpFigures {
  opened: number;
  closed: number;
  openedByKind: Record<string, number>;
  /** Time from opening to closing, of the items closed in the period. */
  closeAgeP50Ms: number | null;
  closeAgeP90Ms: number | null;
  /** Items opened in the period that are not closed yet. */
  stillOpen: number;
}

export interface PeriodAnalytics {
  period: {
    /** Local days, inclusive, and the instants they span: `[fromInstant, toInstant)`. */
    fromDay: string;
    toDay: string;
    fromInstant: string;
    toInstant: string;
    timeZone: string;
    queue: string | null;
    agentId: string | null;
    /** Whose calendar the days and hours are in (`patient`: each patient's own zone). */
    zone: AnalyticsZone;
  };
  /** A list hit its row cap: the figures cover the first rows only. */
  truncated: boolean;
  totals: Figures;
  escalationReasons: Record<string, number>;
  days: DayFigures[];
  queues: (Figures & { queue: string })[];
  agents: (Figures & { agentId: string })[];
  followUps: FollowUpFigures;
  surveys: QuestionFigures[];
  /** The bot's figures; null when the report is sliced by queue or agent. */
  bot: BotFigures | null;
  hours: HourFigures[];
}

export interface PeriodSpec {
  fromDay: string;
  toDay: string;
  fromInstant: string;
  toInstant: string;
  timeZone: string;
  queue?: string;
  agentId?: string;
  zone?: AnalyticsZone;
}

/** Nearest-rank percentile of a list (null when empty). */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
}

const ratio = (part: number, whole: number) =>
  whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;
const between = (from: string | null, to: string | null) =>
  from === null || to === null ? null : Math.max(0, Date.parse(to) - Date.parse(from));
const present = (v: number | null): v is number => v !== null;

/** Escalated: a handoff was requested (every state but `bot` went through one). */
const escalated = (c: ConversationFact) => c.state !== 'bot' || c.escalationKind !== null;

function figures(
  list: readonly ConversationFact[],
  waits: readonly WaitFact[],
  ratings: readonly number[],
): Figures {
  const count = (state: ConversationFact['state']) => list.filter((c) => c.state === state).length;
  const esc = list.filter(escalated).length;
  const lost = count('abandoned') + count('expired') + count('failed');
  const firstResponses = list
    .map((c) => between(c.firstClaimAt, c.firstAgentReplyAt))
    .filter(present);
  const handles = list
    .filter((c) => c.state === 'ended')
    .map((c) => between(c.firstClaimAt, c.endedAt))
    .filter(present);
  const waited = waits.map((w) => w.waitedMs);
  return {
    conversations: list.length,
    escalated: esc,
    escalationRate: ratio(esc, list.length),
    handled: list.filter((c) => c.firstClaimAt !== null).length,
    ended: count('ended'),
    returnedToBot: count('returned_to_bot'),
    abandoned: count('abandoned'),
    expired: count('expired'),
    failed: count('failed'),
    abandonmentRate: ratio(lost, esc),
    waitP50Ms: percentile(waited, 0.5),
    waitP90Ms: percentile(waited, 0.9),
    firstResponseP50Ms: percentile(firstResponses, 0.5),
    firstResponseP90Ms: percentile(firstResponses, 0.9),
    handleP50Ms: percentile(handles, 0.5),
    handleP90Ms: percentile(handles, 0.9),
    ratingAverage:
      ratings.length === 0
        ? null
        : Math.round((ratings.reduce((a, b) => a + b, 0) / ratings.length) * 100) / 100,
  };
}

function ratingsOf(
  facts: AnalyticsFacts,
  keep: (r: AnalyticsFacts['surveyResponses'][number]) => boolean,
) {
  const ratingQuestions = new Set<string>();
  for (const survey of facts.surveys)
    for (const q of survey.questions)
      if (q.kind === 'rating') ratingQuestions.add(`${survey.id}/${q.id}`);
  const ratings: number[] = [];
  for (const response of facts.surveyResponses) {
    if (!keep(response)) continue;
    for (const [id, answer] of Object.entries(response.answers))
      if (ratingQuestions.has(`${response.surveyId}/${id}`) && typeof answer === 'number')
        ratings.push(answer);
  }
  return ratings;
}

function groupBy<T>(list: readonly T[], key: (item: T) => string | null): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of list) {
    const k = key(item);
    if (k === null) continue;
    groups.set(k, [...(groups.get(k) ?? []), item]);
  }
  return groups;
}

/**
 * The period's figures from its facts: one function for every backend, so SQLite, PostgreSQL
 * and memory report the same numbers. Days are the organisation's calendar days, or each
 * patient's (`zone: 'patient'`, from the time zone the widget reported; else the organisation's).
 */
export function summarizeAnalytics(read: AnalyticsFacts, spec: PeriodSpec): PeriodAnalytics {
  const facts = factsInPeriod(read, spec);
  const sliced = spec.queue !== undefined || spec.agentId !== undefined;
  const sessions = sliced ? [] : facts.botSessions;
  const { conversations, waits } = facts;
  const reasons: Record<string, number> = {};
  for (const c of conversations.filter(escalated)) {
    const kind = c.escalationKind ?? 'unknown';
    reasons[kind] = (reasons[kind] ?? 0) + 1;
  }
  const byDay = groupBy(conversations, (c) =>
    localDay(c.createdAt, zoneOf(spec, c.patientTimeZone)),
  );
  const botByDay = groupBy(sessions, (s) => localDay(s.startedAt, zoneOf(spec, s.timeZone)));
  const days = daysBetween(spec.fromDay, spec.toDay).map((day) => {
    const list = byDay.get(day) ?? [];
    const bot = botByDay.get(day) ?? [];
    return {
      day,
      conversations: list.length,
      escalated: list.filter(escalated).length,
      handled: list.filter((c) => c.firstClaimAt !== null).length,
      abandoned: list.filter((c) => c.state === 'abandoned').length,
      botSessions: bot.length,
      botContained: bot.filter((s) => s.outcome === 'contained').length,
    };
  });
  const queueNames = [
    ...new Set([...conversations.map((c) => c.queue), ...waits.map((w) => w.queue)]),
  ]
    .filter((q): q is string => q !== null)
    .sort();
  const queues = queueNames.map((queue) => ({
    queue,
    ...figures(
      conversations.filter((c) => c.queue === queue),
      waits.filter((w) => w.queue === queue),
      ratingsOf(facts, (r) => r.queue === queue),
    ),
  }));
  const agentIds = [...groupBy(conversations, (c) => c.agentId).keys()].sort();
  const agents = agentIds.map((agentId) => ({
    agentId,
    ...figures(
      conversations.filter((c) => c.agentId === agentId),
      waits.filter((w) => w.agentId === agentId),
      ratingsOf(facts, (r) => r.agentId === agentId),
    ),
  }));
  const from = Date.parse(spec.fromInstant);
  const to = Date.parse(spec.toInstant);
  const inPeriod = (at: string | null) =>
    at !== null && Date.parse(at) >= from && Date.parse(at) < to;
  const opened = facts.followUps.filter((f) => inPeriod(f.createdAt));
  const closed = facts.followUps.filter(
    (f) => inPeriod(f.closedAt) && f.closedBy !== null && f.closedBy !== SYSTEM_ACTOR_ID,
  );
  const openedByKind: Record<string, number> = {};
  for (const f of opened) openedByKind[f.kind] = (openedByKind[f.kind] ?? 0) + 1;
  const ages = closed.map((f) => between(f.createdAt, f.closedAt)).filter(present);
  return {
    period: {
      fromDay: spec.fromDay,
      toDay: spec.toDay,
      fromInstant: spec.fromInstant,
      toInstant: spec.toInstant,
      timeZone: spec.timeZone,
      queue: spec.queue ?? null,
      agentId: spec.agentId ?? null,
      zone: spec.zone ?? 'organisation',
    },
    truncated: facts.truncated,
    totals: figures(
      conversations,
      waits,
      ratingsOf(facts, () => true),
    ),
    escalationReasons: reasons,
    days,
    queues,
    agents,
    followUps: {
      opened: opened.length,
      closed: closed.length,
      openedByKind,
      closeAgeP50Ms: percentile(ages, 0.5),
      closeAgeP90Ms: percentile(ages, 0.9),
      stillOpen: opened.filter((f) => f.status !== 'closed').length,
    },
    surveys: surveyFigures(facts.surveys, facts.surveyResponses),
    bot: sliced ? null : botFigures(sessions),
    hours: hourFigures(conversations, sessions, spec),
  };
}

import type { BotOutcome, Priority } from '@baton/handoff-protocol';
import type { FollowUpKind, FollowUpStatus } from './followup-records';
import type { ConversationState, Survey, SurveyAnswers } from './records';
import { iso } from './rows';

/** Why a conversation went from the bot to a person (the protocol's escalation kind). */
export interface EscalationRecord {
  conversationId: string;
  /** `EscalationKind` of the protocol: `patient-requested`, `urgent`, `bot-failure`… */
  kind: string;
  requestedAt: string;
}

/** The period and the slice an analytics read covers: `[from, to)`, ISO instants. */
export interface AnalyticsRange {
  from: string;
  to: string;
  queue?: string;
  agentId?: string;
}

/** One conversation created in the period, with the instants its figures are measured from. */
export interface ConversationFact {
  id: string;
  state: ConversationState;
  queue: string | null;
  priority: Priority;
  agentId: string | null;
  createdAt: string;
  endedAt: string | null;
  /** The first escalation's kind (null when the server never recorded one). */
  escalationKind: string | null;
  /** The first claim by an agent and how long the patient had waited in the queue for it. */
  firstClaimAt: string | null;
  firstWaitMs: number | null;
  /** The first chat message an agent sent. */
  firstAgentReplyAt: string | null;
  /** The patient's time zone, from the bot session that led to it (null when unknown). */
  patientTimeZone: string | null;
}

/** A bot conversation started within the period: times, outcome and reason, never text. */
export interface BotSessionFact {
  id: string;
  locale: string;
  entryPath: string | null;
  startedAt: string;
  endedAt: string | null;
  outcome: BotOutcome | null;
  escalation: string | null;
  timeZone: string | null;
}

/** A claim from a queue within the period. */
export interface WaitFact {
  queue: string;
  conversationId: string;
  agentId: string | null;
  waitedMs: number;
  claimedAt: string;
}

/** A follow-up item opened or closed within the period. */
export interface FollowUpFact {
  id: string;
  queue: string;
  kind: FollowUpKind;
  status: FollowUpStatus;
  createdAt: string;
  closedAt: string | null;
  closedBy: string | null;
}

/** A survey response submitted within the period; answers decrypted, never logged. */
export interface SurveyFact {
  surveyId: string;
  conversationId: string;
  queue: string | null;
  agentId: string | null;
  answers: SurveyAnswers;
  submittedAt: string;
}

/**
 * The raw rows a period's analytics are computed from, each list read by one bounded indexed
 * query (at most `ANALYTICS_ROW_LIMIT` rows; `truncated` says the cap was hit). The figures
 * themselves come from one shared function, so every backend reports the same numbers.
 */
export interface AnalyticsFacts {
  conversations: ConversationFact[];
  waits: WaitFact[];
  followUps: FollowUpFact[];
  surveyResponses: SurveyFact[];
  /** The surveys answered in the period (their questions name the figures). */
  surveys: Survey[];
  truncated: boolean;
  /** Bot sessions started in the period (not sliced by queue or agent: they have neither). */
  botSessions: BotSessionFact[];
}

export const ANALYTICS_ROW_LIMIT = 50_000;

/** A stored setting (business hours, survey questions, escalation settings, retention…). */
export interface SettingRecord {
  name: string;
  /** JSON-serialisable; each setting's shape is checked by its owner before it is stored. */
  value: unknown;
  updatedAt: string;
  updatedBy: string;
}

/**
 * Analytics facts, escalation reasons and the settings every node shares. Settings are read
 * at runtime (they are authoritative once stored; env/config only seeds them).
 */
export interface InsightOps {
  /** Records why a conversation was escalated; a second record for the same instant is ignored. */
  recordEscalation(record: EscalationRecord): Promise<void>;
  analyticsFacts(range: AnalyticsRange): Promise<AnalyticsFacts>;
  getSetting(name: string): Promise<SettingRecord | null>;
  /** Creates or replaces. */
  putSetting(name: string, value: unknown, updatedBy: string): Promise<SettingRecord>;
  listSettings(): Promise<SettingRecord[]>;
  /** How many conversations `purgeFinishedBefore(cutoff)` would delete now (a dry run). */
  countFinishedBefore(cutoff: Date): Promise<number>;
}

/** Drops the extra row each read fetched to tell a full page from a truncated one. */
export function capFacts(facts: AnalyticsFacts): AnalyticsFacts {
  const lists = [
    facts.conversations,
    facts.waits,
    facts.followUps,
    facts.surveyResponses,
    facts.botSessions,
  ];
  const truncated = lists.some((list) => list.length > ANALYTICS_ROW_LIMIT);
  return {
    conversations: facts.conversations.slice(0, ANALYTICS_ROW_LIMIT),
    waits: facts.waits.slice(0, ANALYTICS_ROW_LIMIT),
    followUps: facts.followUps.slice(0, ANALYTICS_ROW_LIMIT),
    surveyResponses: facts.surveyResponses.slice(0, ANALYTICS_ROW_LIMIT),
    surveys: facts.surveys,
    truncated,
    botSessions: facts.botSessions.slice(0, ANALYTICS_ROW_LIMIT),
  };
}

/** A `settings` row (SQLite: JSON text; PostgreSQL: jsonb) as a record. */
export function toSetting(row: Record<string, unknown>): SettingRecord {
  const value = row.value;
  return {
    name: String(row.name),
    value: typeof value === 'string' ? JSON.parse(value) : value,
    updatedAt: iso(row.updated_at as string | Date),
    updatedBy: String(row.updated_by),
  };
}

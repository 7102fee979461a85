/** The figures of one slice, as `GET /api/analytics` returns them (times in ms). */
export interface ReportFigures {
  conversations: number;
  escalated: number;
  escalationRate: number | null;
  handled: number;
  ended: number;
  returnedToBot: number;
  abandoned: number;
  expired: number;
  failed: number;
  abandonmentRate: number | null;
  waitP50Ms: number | null;
  waitP90Ms: number | null;
  firstResponseP50Ms: number | null;
  firstResponseP90Ms: number | null;
  handleP50Ms: number | null;
  handleP90Ms: number | null;
  ratingAverage: number | null;
}

export interface AnalyticsReport {
  period: {
    fromDay: string;
    toDay: string;
    timeZone: string;
    queue: string | null;
    agentId: string | null;
    zone?: AnalyticsZone;
    /** `default`: BATON_TIME_ZONE is not set, the server counts in UTC. */
    timeZoneSource?: 'configured' | 'default';
  };
  truncated: boolean;
  totals: ReportFigures;
  escalationReasons: Record<string, number>;
  days: {
    day: string;
    conversations: number;
    escalated: number;
    handled: number;
    abandoned: number;
    botSessions?: number;
    botContained?: number;
  }[];
  queues: (ReportFigures & { queue: string })[];
  agents: (ReportFigures & { agentId: string })[];
  /** The filters' choices (staff only): queues the server knows, agents by display name. */
  slices?: { queues: string[]; agents: { id: string; displayName: string }[] };
  followUps: {
    opened: number;
    closed: number;
    openedByKind: Record<string, number>;
    closeAgeP50Ms: number | null;
    stillOpen: number;
  };
  surveys: {
    surveyId: string;
    questionId: string;
    text: string;
    kind: 'rating' | 'choice' | 'text';
    responses: number;
    average: number | null;
    counts: Record<string, number>;
  }[];
  /** Null when sliced by queue or agent. */
  bot?: BotReport | null;
  hours?: { hour: number; botSessions: number; conversations: number }[];
}

export type AnalyticsZone = 'organisation' | 'patient';

/** How the bot did with the conversations started in the period (`report.bot`). */
export interface BotReport {
  sessions: number;
  open: number;
  contained: number;
  escalated: number;
  abandoned: number;
  containmentRate: number | null;
  resolvedRate: number | null;
  escalationRate: number | null;
  abandonmentRate: number | null;
  escalationReasons: Record<string, number>;
  durationP50Ms: number | null;
  durationP90Ms: number | null;
  locales: Record<string, number>;
  entryPaths: { path: string; sessions: number; contained: number; escalated: number }[];
}

export interface PeriodQuery {
  from: string;
  to: string;
  queue: string;
  agent: string;
  zone?: AnalyticsZone;
}

/** `/api/analytics?…` for a period query (empty slices left out). */
export function analyticsPath(query: PeriodQuery, format: 'json' | 'csv' = 'json'): string {
  const params = new URLSearchParams({ from: query.from, to: query.to });
  if (query.queue.trim()) params.set('queue', query.queue.trim());
  if (query.agent.trim()) params.set('agent', query.agent.trim());
  if (query.zone === 'patient') params.set('zone', 'patient');
  if (format === 'csv') params.set('format', 'csv');
  return `/api/analytics?${params}`;
}

/** Today and six days before, as local `YYYY-MM-DD` of this browser. */
export function lastSevenDays(now = new Date()): { from: string; to: string } {
  const day = (d: Date) =>
    `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  const start = new Date(now);
  start.setDate(start.getDate() - 6);
  return { from: day(start), to: day(now) };
}

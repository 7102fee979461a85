import type { Figures, PeriodAnalytics } from './analytics';

const FIGURE_COLUMNS: readonly (keyof Figures)[] = [
  'conversations',
  'escalated',
  'escalationRate',
  'handled',
  'ended',
  'returnedToBot',
  'abandoned',
  'expired',
  'failed',
  'abandonmentRate',
  'waitP50Ms',
  'waitP90Ms',
  'firstResponseP50Ms',
  'firstResponseP90Ms',
  'handleP50Ms',
  'handleP90Ms',
  'ratingAverage',
];

/** One CSV cell: quoted when needed; a leading `= + - @` is defused (spreadsheet formulas). */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const line = (cells: readonly (string | number | null | undefined)[]) =>
  cells.map(csvCell).join(',');

/**
 * The period's figures as one flat table (what Power BI, Grafana or a spreadsheet imports):
 * a row per scope — `total`, each `queue`, each `agent`, each `day`, each escalation
 * `reason`, the `followups` and each survey `question` — with the same columns throughout.
 */
export function analyticsCsv(report: PeriodAnalytics): string {
  const header = ['scope', 'key', ...FIGURE_COLUMNS, 'detail'];
  const rows: string[] = [line(header)];
  const figureRow = (scope: string, key: string, figures: Figures) =>
    line([scope, key, ...FIGURE_COLUMNS.map((c) => figures[c]), '']);
  const sparse = (scope: string, key: string, values: Partial<Figures>, detail = '') =>
    line([scope, key, ...FIGURE_COLUMNS.map((c) => values[c] ?? null), detail]);
  rows.push(figureRow('total', `${report.period.fromDay}/${report.period.toDay}`, report.totals));
  for (const q of report.queues) rows.push(figureRow('queue', q.queue, q));
  for (const a of report.agents) rows.push(figureRow('agent', a.agentId, a));
  for (const d of report.days)
    rows.push(
      sparse('day', d.day, d, `bot_sessions=${d.botSessions};bot_contained=${d.botContained}`),
    );
  for (const [kind, n] of Object.entries(report.escalationReasons))
    rows.push(sparse('reason', kind, { escalated: n }));
  const f = report.followUps;
  rows.push(
    sparse(
      'followups',
      'all',
      {},
      `opened=${f.opened};closed=${f.closed};still_open=${f.stillOpen};close_age_p50_ms=${f.closeAgeP50Ms ?? ''}`,
    ),
  );
  const bot = report.bot;
  if (bot)
    rows.push(
      sparse(
        'bot',
        'all',
        {
          conversations: bot.sessions,
          escalated: bot.escalated,
          escalationRate: bot.escalationRate,
          abandoned: bot.abandoned,
          abandonmentRate: bot.abandonmentRate,
        },
        `contained=${bot.contained};containment_rate=${bot.containmentRate ?? ''};resolved_rate=${bot.resolvedRate ?? ''};open=${bot.open};duration_p50_ms=${bot.durationP50Ms ?? ''}`,
      ),
    );
  for (const [kind, n] of Object.entries(bot?.escalationReasons ?? {}))
    rows.push(sparse('bot-reason', kind, { escalated: n }));
  for (const p of bot?.entryPaths ?? [])
    rows.push(
      sparse(
        'bot-page',
        p.path,
        { conversations: p.sessions, escalated: p.escalated },
        `contained=${p.contained}`,
      ),
    );
  for (const h of report.hours)
    rows.push(
      sparse(
        'hour',
        String(h.hour).padStart(2, '0'),
        { conversations: h.conversations },
        `bot_sessions=${h.botSessions}`,
      ),
    );
  for (const q of report.surveys)
    rows.push(
      sparse(
        'question',
        `${q.surveyId}/${q.questionId}`,
        { ratingAverage: q.average },
        `responses=${q.responses};${Object.entries(q.counts)
          .map(([k, n]) => `${k}=${n}`)
          .join(';')}`,
      ),
    );
  return `${rows.join('\r\n')}\r\n`;
}

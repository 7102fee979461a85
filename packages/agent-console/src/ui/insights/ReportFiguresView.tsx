import type { Translate } from '../../i18n';
import { useConsole } from '../context';
import { formatDuration } from '../format';
import type { AnalyticsReport, ReportFigures } from './analytics-report';
import { BotFiguresView } from './BotFiguresView';
import { BarList, ColumnChart } from './charts';
import { decimal, ltr, percent, REASONS } from './figure-format';

const duration = (ms: number | null, t: Translate) =>
  formatDuration(t, ms === null ? null : ms / 1000);

/**
 * The headline tiles, each with a `data-figure` name (tests and screen readers read the text).
 * No escalation rate here: every conversation the desk counts came from a handoff, so it read
 * 100 % in any real deployment; the bot's own escalation rate (of its sessions) is below.
 */
function Tiles({ figures }: { figures: ReportFigures }) {
  const { t, locale } = useConsole();
  const lost = figures.abandoned + figures.expired + figures.failed;
  const tiles: [string, string, string][] = [
    ['conversations', t('figConversations'), String(figures.conversations)],
    ['handled', t('figHandled'), String(figures.handled)],
    ['lost', t('figAbandonment'), `${lost} (${percent(figures.abandonmentRate, t, locale)})`],
    ['wait-p50', t('figWaitP50'), duration(figures.waitP50Ms, t)],
    ['wait-p90', t('figWaitP90'), duration(figures.waitP90Ms, t)],
    ['first-response', t('figFirstResponse'), duration(figures.firstResponseP50Ms, t)],
    ['handle', t('figHandle'), duration(figures.handleP50Ms, t)],
    [
      'rating',
      t('figRating'),
      figures.ratingAverage === null
        ? t('notAvailable')
        : `${decimal(figures.ratingAverage, locale)} / 5`,
    ],
  ];
  return (
    <dl class="kpis">
      {tiles.map(([key, label, value]) => (
        <div class="kpi" key={key} data-figure={key}>
          <dt>{label}</dt>
          <dd>{ltr(value)}</dd>
        </div>
      ))}
    </dl>
  );
}

function SliceTable({
  caption,
  rows,
}: {
  caption: string;
  rows: readonly (ReportFigures & { key: string })[];
}) {
  const { t } = useConsole();
  if (rows.length === 0) return null;
  return (
    <table class="slice">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{caption}</th>
          <th scope="col">{t('figConversations')}</th>
          <th scope="col">{t('figHandled')}</th>
          <th scope="col">{t('figAbandonment')}</th>
          <th scope="col">{t('figWaitP50')}</th>
          <th scope="col">{t('figWaitP90')}</th>
          <th scope="col">{t('figFirstResponse')}</th>
          <th scope="col">{t('figHandle')}</th>
          <th scope="col">{t('figRating')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} data-slice={r.key}>
            <th scope="row">{r.key}</th>
            <td>{r.conversations}</td>
            <td>{r.handled}</td>
            <td>{r.abandoned + r.expired + r.failed}</td>
            <td>{ltr(duration(r.waitP50Ms, t))}</td>
            <td>{ltr(duration(r.waitP90Ms, t))}</td>
            <td>{ltr(duration(r.firstResponseP50Ms, t))}</td>
            <td>{ltr(duration(r.handleP50Ms, t))}</td>
            <td>{r.ratingAverage ?? t('notAvailable')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** One period's figures: tiles, charts, per-queue and per-agent tables, follow-ups, surveys. */
export function ReportFiguresView({ report }: { report: AnalyticsReport }) {
  const { t, locale } = useConsole();
  const days = report.days.map((d) => ({ label: d.day, value: d.conversations, part: d.handled }));
  const reasons = Object.entries(report.escalationReasons)
    .sort((a, b) => b[1] - a[1])
    .map(([kind, value]) => ({ label: t(REASONS[kind] ?? 'reasonUnknown'), value }));
  const f = report.followUps;
  return (
    <div class="report">
      {report.truncated ? (
        <p role="alert" class="error">
          {t('analyticsTruncated')}
        </p>
      ) : null}
      <Tiles figures={report.totals} />
      <div class="charts">
        <figure>
          <figcaption>{t('chartPerDay')}</figcaption>
          <ColumnChart
            title={t('chartPerDay')}
            data={days}
            summary={days.map((d) => `${d.label}: ${d.value}`).join(', ')}
          />
        </figure>
        <figure>
          <figcaption>{t('chartReasons')}</figcaption>
          {reasons.length ? (
            <BarList title={t('chartReasons')} data={reasons} />
          ) : (
            <p class="muted">{t('noData')}</p>
          )}
        </figure>
      </div>
      <BotFiguresView report={report} />
      <SliceTable caption={t('queue')} rows={report.queues.map((q) => ({ ...q, key: q.queue }))} />
      <SliceTable
        caption={t('agent')}
        rows={report.agents.map((a) => ({ ...a, key: a.agentId }))}
      />
      <section aria-labelledby="analytics-followups">
        <h3 id="analytics-followups">{t('followUpsTitle')}</h3>
        <dl class="kpis" data-figure="followups">
          <div class="kpi">
            <dt>{t('fuOpened')}</dt>
            <dd>{f.opened}</dd>
          </div>
          <div class="kpi">
            <dt>{t('fuClosed')}</dt>
            <dd>{f.closed}</dd>
          </div>
          <div class="kpi">
            <dt>{t('fuStillOpen')}</dt>
            <dd>{f.stillOpen}</dd>
          </div>
          <div class="kpi">
            <dt>{t('fuCloseAge')}</dt>
            <dd>{ltr(duration(f.closeAgeP50Ms, t))}</dd>
          </div>
        </dl>
      </section>
      <section aria-labelledby="analytics-surveys">
        <h3 id="analytics-surveys">{t('surveysTitle')}</h3>
        {report.surveys.length === 0 ? <p class="muted">{t('noData')}</p> : null}
        {report.surveys.map((q) => (
          <div class="survey-question" key={`${q.surveyId}/${q.questionId}`}>
            <h4>{q.text}</h4>
            <p class="muted">
              {t('surveyResponses', { n: q.responses })}
              {q.average !== null
                ? ` · ${t('surveyAverage', { avg: decimal(q.average, locale) })}`
                : ''}
            </p>
            {q.kind === 'text' ? null : (
              <BarList
                title={q.text}
                data={Object.entries(q.counts).map(([label, value]) => ({ label, value }))}
              />
            )}
          </div>
        ))}
      </section>
    </div>
  );
}

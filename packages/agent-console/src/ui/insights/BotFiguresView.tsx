import { useConsole } from '../context';
import { formatDuration } from '../format';
import type { AnalyticsReport, BotReport } from './analytics-report';
import { BarList, ColumnChart } from './charts';
import { ltr, percent, REASONS } from './figure-format';

/** The bot's tiles (containment first), its reasons and busiest pages. */
function BotTiles({ bot }: { bot: BotReport }) {
  const { t, locale } = useConsole();
  const tiles: [string, string, string][] = [
    ['bot-sessions', t('botFigSessions'), String(bot.sessions)],
    ['containment', t('botFigContainment'), percent(bot.containmentRate, t, locale)],
    ['resolved', t('botFigResolved'), `${bot.contained} (${percent(bot.resolvedRate, t, locale)})`],
    [
      'bot-escalated',
      t('botFigEscalated'),
      `${bot.escalated} (${percent(bot.escalationRate, t, locale)})`,
    ],
    [
      'bot-abandoned',
      t('botFigAbandoned'),
      `${bot.abandoned} (${percent(bot.abandonmentRate, t, locale)})`,
    ],
    ['bot-open', t('botFigOpen'), String(bot.open)],
    [
      'bot-duration',
      t('botFigDuration'),
      formatDuration(t, bot.durationP50Ms === null ? null : bot.durationP50Ms / 1000),
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

/** The bot section of the period report, and the starts per hour of the day. */
export function BotFiguresView({ report }: { report: AnalyticsReport }) {
  const { t } = useConsole();
  const bot = report.bot;
  const hours = (report.hours ?? []).map((h) => ({
    label: String(h.hour).padStart(2, '0'),
    value: h.conversations + h.botSessions,
    part: h.conversations,
  }));
  const zone =
    report.period.zone === 'patient'
      ? t('analyticsZonePatient')
      : t('analyticsZoneOrganisation', { zone: report.period.timeZone });
  return (
    <section aria-labelledby="analytics-bot" class="bot-figures">
      <h3 id="analytics-bot">{t('botFiguresTitle')}</h3>
      {bot ? (
        <>
          <BotTiles bot={bot} />
          <div class="charts">
            <figure>
              <figcaption>{t('botChartReasons')}</figcaption>
              {Object.keys(bot.escalationReasons).length ? (
                <BarList
                  title={t('botChartReasons')}
                  data={Object.entries(bot.escalationReasons)
                    .sort((a, b) => b[1] - a[1])
                    .map(([kind, value]) => ({
                      label: t(REASONS[kind] ?? 'reasonUnknown'),
                      value,
                    }))}
                />
              ) : (
                <p class="muted">{t('noData')}</p>
              )}
            </figure>
            <figure>
              <figcaption>{t('botChartHours', { zone })}</figcaption>
              <ColumnChart
                title={t('botChartHours', { zone })}
                data={hours}
                tick={(label) => label}
                summary={hours
                  .filter((h) => h.value > 0)
                  .map((h) => `${h.label}: ${h.value}`)
                  .join(', ')}
              />
            </figure>
          </div>
          {bot.entryPaths.length ? (
            <div class="table-scroll">
              <table class="slice" data-table="bot-pages">
                <caption>{t('botPages')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('botPage')}</th>
                    <th scope="col">{t('botFigSessions')}</th>
                    <th scope="col">{t('botFigResolved')}</th>
                    <th scope="col">{t('botFigEscalated')}</th>
                  </tr>
                </thead>
                <tbody>
                  {bot.entryPaths.map((p) => (
                    <tr key={p.path}>
                      <th scope="row">
                        <bdi dir="ltr">{p.path}</bdi>
                      </th>
                      <td>{p.sessions}</td>
                      <td>{p.contained}</td>
                      <td>{p.escalated}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </>
      ) : (
        <p class="muted">{t('botFiguresSliced')}</p>
      )}
    </section>
  );
}

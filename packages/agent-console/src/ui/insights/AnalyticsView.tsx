import { useEffect, useState } from 'preact/hooks';
import type { ConsoleSession } from '../../session/session';
import { useConsole } from '../context';
import {
  type AnalyticsReport,
  analyticsPath,
  lastSevenDays,
  type PeriodQuery,
} from './analytics-report';
import { LocalDateInput, spelledOut } from './LocalDateInput';
import { ReportFiguresView } from './ReportFiguresView';
import { saveFile } from './save-file';

type Load =
  | { kind: 'loading' }
  | { kind: 'loaded'; report: AnalyticsReport }
  | { kind: 'failed'; forbidden: boolean };

/**
 * Supervisors' and administrators' period analytics: a period (local days), an optional queue
 * and agent, the figures computed by the server from the database, charts, tables and a CSV.
 */
export function AnalyticsView({ session }: { session: ConsoleSession }) {
  const { t, locale } = useConsole();
  const [query, setQuery] = useState<PeriodQuery>(() => ({
    ...lastSevenDays(),
    queue: '',
    agent: '',
    zone: 'organisation',
  }));
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [exporting, setExporting] = useState<'idle' | 'busy' | 'failed'>('idle');
  /** The filters' choices, from the server (queues it knows, agents by display name). */
  const [slices, setSlices] = useState<NonNullable<AnalyticsReport['slices']>>({
    queues: [],
    agents: [],
  });

  const fetchReport = async (q: PeriodQuery) => {
    setLoad({ kind: 'loading' });
    try {
      const response = await session.staffFetch(analyticsPath(q));
      if (!response.ok) {
        setLoad({ kind: 'failed', forbidden: response.status === 403 });
        return;
      }
      const report = (await response.json()) as AnalyticsReport;
      setLoad({ kind: 'loaded', report });
      if (report.slices) setSlices(report.slices);
    } catch {
      setLoad({ kind: 'failed', forbidden: false });
    }
  };
  useEffect(() => {
    void fetchReport(query);
  }, []);

  const downloadCsv = async () => {
    setExporting('busy');
    try {
      const response = await session.staffFetch(analyticsPath(query, 'csv'));
      if (!response.ok) throw new Error(String(response.status));
      saveFile(`baton-analytics-${query.from}-${query.to}.csv`, await response.text(), 'text/csv');
      setExporting('idle');
    } catch {
      setExporting('failed');
    }
  };

  const field = (name: 'from' | 'to', label: string) => (
    <div class="period-field">
      <label for={`period-${name}`}>{label}</label>
      <LocalDateInput
        id={`period-${name}`}
        type="date"
        value={query[name]}
        required
        onValue={(value) => setQuery({ ...query, [name]: value })}
      />
    </div>
  );
  /** A list of what the server knows; the current choice stays listed while it reloads. */
  const choice = (
    name: 'queue' | 'agent',
    label: string,
    all: string,
    options: readonly { value: string; label: string }[],
  ) => (
    <div class="period-field">
      <label for={`period-${name}`}>{label}</label>
      <select
        id={`period-${name}`}
        value={query[name]}
        onChange={(e) => setQuery({ ...query, [name]: e.currentTarget.value })}
      >
        <option value="">{all}</option>
        {query[name] && !options.some((o) => o.value === query[name]) ? (
          <option value={query[name]}>{query[name]}</option>
        ) : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );

  const status =
    load.kind === 'loading'
      ? t('analyticsLoading')
      : load.kind === 'failed'
        ? t(load.forbidden ? 'analyticsForbidden' : 'analyticsFailed')
        : t('analyticsLoaded', {
            from: spelledOut('date', load.report.period.fromDay, locale, 'long'),
            to: spelledOut('date', load.report.period.toDay, locale, 'long'),
            zone:
              load.report.period.zone === 'patient'
                ? t('analyticsZonePatient')
                : load.report.period.timeZoneSource === 'default'
                  ? t('analyticsZoneDefault', { zone: load.report.period.timeZone })
                  : load.report.period.timeZone,
            n: load.report.totals.conversations,
          });

  return (
    <section class="analytics" aria-labelledby="analytics-title">
      <h2 id="analytics-title">{t('analyticsTitle')}</h2>
      <form
        class="period"
        aria-label={t('periodLabel')}
        onSubmit={(e) => {
          e.preventDefault();
          void fetchReport(query);
        }}
      >
        {field('from', t('periodFrom'))}
        {field('to', t('periodTo'))}
        {choice(
          'queue',
          t('analyticsQueueFilter'),
          t('analyticsAllQueues'),
          slices.queues.map((q) => ({ value: q, label: q })),
        )}
        {choice(
          'agent',
          t('analyticsAgentFilter'),
          t('analyticsAllAgents'),
          slices.agents.map((a) => ({ value: a.id, label: a.displayName })),
        )}
        <div class="period-field wide">
          <label for="period-zone">{t('analyticsZone')}</label>
          <select
            id="period-zone"
            value={query.zone}
            onChange={(e) =>
              setQuery({
                ...query,
                zone: e.currentTarget.value === 'patient' ? 'patient' : 'organisation',
              })
            }
          >
            <option value="organisation">{t('analyticsZoneOrganisationOption')}</option>
            <option value="patient">{t('analyticsZonePatientOption')}</option>
          </select>
        </div>
        <div class="period-actions">
          <button type="submit" class="primary" disabled={load.kind === 'loading'}>
            {t('showAnalytics')}
          </button>
          <button type="button" onClick={downloadCsv} disabled={exporting === 'busy'}>
            {t('downloadCsv')}
          </button>
        </div>
      </form>
      <p role="status" class="muted" data-analytics-status={load.kind}>
        {load.kind === 'failed' ? '' : status}
      </p>
      {load.kind === 'failed' ? (
        <p role="alert" class="error">
          {status}
        </p>
      ) : null}
      {exporting === 'failed' ? (
        <p role="alert" class="error">
          {t('csvFailed')}
        </p>
      ) : null}
      {load.kind === 'loaded' ? <ReportFiguresView report={load.report} /> : null}
    </section>
  );
}

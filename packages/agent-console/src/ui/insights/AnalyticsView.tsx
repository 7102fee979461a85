import { useEffect, useState } from 'preact/hooks';
import type { ConsoleSession } from '../../session/session';
import { useConsole } from '../context';
import {
  type AnalyticsReport,
  analyticsPath,
  lastSevenDays,
  type PeriodQuery,
} from './analytics-report';
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
  const { t } = useConsole();
  const [query, setQuery] = useState<PeriodQuery>(() => ({
    ...lastSevenDays(),
    queue: '',
    agent: '',
    zone: 'organisation',
  }));
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [exporting, setExporting] = useState<'idle' | 'busy' | 'failed'>('idle');
  /** Queues and agents seen in the reports read so far: offered in the slice fields. */
  const [known, setKnown] = useState<{ queue: string[]; agent: string[] }>({
    queue: [],
    agent: [],
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
      setKnown((k) => ({
        queue: [...new Set([...k.queue, ...report.queues.map((q) => q.queue)])].sort(),
        agent: [...new Set([...k.agent, ...report.agents.map((a) => a.agentId)])].sort(),
      }));
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

  const field = (name: 'from' | 'to' | 'queue' | 'agent', label: string, type: 'date' | 'text') => (
    <div class="period-field">
      <label for={`period-${name}`}>{label}</label>
      <input
        id={`period-${name}`}
        type={type}
        value={query[name]}
        required={type === 'date'}
        {...(name === 'queue' || name === 'agent' ? { list: `period-${name}-known` } : {})}
        onInput={(e) => setQuery({ ...query, [name]: e.currentTarget.value })}
      />
      {name === 'queue' || name === 'agent' ? (
        <datalist id={`period-${name}-known`}>
          {known[name].map((value) => (
            <option key={value} value={value} />
          ))}
        </datalist>
      ) : null}
    </div>
  );

  const status =
    load.kind === 'loading'
      ? t('analyticsLoading')
      : load.kind === 'failed'
        ? t(load.forbidden ? 'analyticsForbidden' : 'analyticsFailed')
        : t('analyticsLoaded', {
            from: load.report.period.fromDay,
            to: load.report.period.toDay,
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
        {field('from', t('periodFrom'), 'date')}
        {field('to', t('periodTo'), 'date')}
        {field('queue', t('periodQueue'), 'text')}
        {field('agent', t('periodAgent'), 'text')}
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

import { useState } from 'preact/hooks';
import type { ConsoleSession } from '../../session/session';
import { useConsole } from '../context';
import { LocalDateInput } from './LocalDateInput';
import { saveFile } from './save-file';

interface AuditRow {
  id: number;
  at: string;
  action: string;
  outcome: 'allowed' | 'denied';
  actorId: string;
  actorRole: string;
  conversationId: string | null;
  patientId: string | null;
  targetId: string | null;
  reason: string | null;
}

const FILTERS = ['actor', 'patient', 'conversation', 'action', 'from', 'to'] as const;
type Filters = Record<(typeof FILTERS)[number], string>;

/** The audit log for administrators: filters, newest first, CSV. Reading it is audited. */
export function AuditViewer({ session }: { session: ConsoleSession }) {
  const { t, locale } = useConsole();
  const [filters, setFilters] = useState<Filters>({
    actor: '',
    patient: '',
    conversation: '',
    action: '',
    from: '',
    to: '',
  });
  const [rows, setRows] = useState<AuditRow[] | null>(null);
  const [error, setError] = useState(false);
  const path = (csv: boolean) => {
    const params = new URLSearchParams();
    for (const name of FILTERS) if (filters[name].trim()) params.set(name, filters[name].trim());
    if (csv) params.set('format', 'csv');
    return `/api/admin/audit?${params}`;
  };
  const search = async (e?: Event) => {
    e?.preventDefault();
    setError(false);
    try {
      const response = await session.staffFetch(path(false));
      if (!response.ok) throw new Error(String(response.status));
      setRows(((await response.json()) as { records: AuditRow[] }).records);
    } catch {
      setError(true);
    }
  };
  const download = async () => {
    setError(false);
    try {
      const response = await session.staffFetch(path(true));
      if (!response.ok) throw new Error(String(response.status));
      saveFile('baton-audit.csv', await response.text(), 'text/csv');
    } catch {
      setError(true);
    }
  };
  const labels: Record<(typeof FILTERS)[number], string> = {
    actor: t('auditUser'),
    patient: t('auditPatient'),
    conversation: t('auditConversation'),
    action: t('auditAction'),
    from: t('periodFrom'),
    to: t('periodTo'),
  };
  return (
    <section class="admin-section" aria-labelledby="audit-title">
      <h3 id="audit-title">{t('auditTitle')}</h3>
      <form class="period" aria-label={t('auditFilters')} onSubmit={search}>
        {FILTERS.map((name) => (
          <div class="period-field" key={name}>
            <label for={`audit-${name}`}>{labels[name]}</label>
            {name === 'from' || name === 'to' ? (
              <LocalDateInput
                id={`audit-${name}`}
                type="date"
                value={filters[name]}
                onValue={(value) => setFilters({ ...filters, [name]: value })}
              />
            ) : (
              <input
                id={`audit-${name}`}
                type="text"
                value={filters[name]}
                onInput={(e) => setFilters({ ...filters, [name]: e.currentTarget.value })}
              />
            )}
          </div>
        ))}
        <div class="period-actions">
          <button type="submit" class="primary">
            {t('auditSearch')}
          </button>
          <button type="button" onClick={download}>
            {t('downloadCsv')}
          </button>
        </div>
      </form>
      <p role="status" class="muted">
        {rows === null ? '' : t('auditCount', { n: rows.length })}
      </p>
      {error ? (
        <p role="alert" class="error">
          {t('auditFailed')}
        </p>
      ) : null}
      {rows && rows.length > 0 ? (
        <div class="table-scroll">
          <table class="audit">
            <caption class="vh">{t('auditTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('auditWhen')}</th>
                <th scope="col">{t('auditAction')}</th>
                <th scope="col">{t('auditOutcome')}</th>
                <th scope="col">{t('auditUser')}</th>
                <th scope="col">{t('auditConversation')}</th>
                <th scope="col">{t('auditPatient')}</th>
                <th scope="col">{t('auditTarget')}</th>
                <th scope="col">{t('auditReason')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} data-audit-action={r.action}>
                  <td>
                    {new Intl.DateTimeFormat(locale, {
                      dateStyle: 'short',
                      timeStyle: 'medium',
                    }).format(new Date(r.at))}
                  </td>
                  <td>{r.action}</td>
                  <td>{r.outcome === 'allowed' ? t('auditAllowed') : t('auditDenied')}</td>
                  <td>
                    {r.actorId} ({r.actorRole})
                  </td>
                  <td>{r.conversationId ?? ''}</td>
                  <td>{r.patientId ?? ''}</td>
                  <td>{r.targetId ?? ''}</td>
                  <td>{r.reason ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

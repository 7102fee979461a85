import { useEffect, useState } from 'preact/hooks';
import type { ConsoleSession } from '../../session/session';
import { useConsole } from '../context';

interface RetentionState {
  finishedDays: number | null;
  source: 'stored' | 'config';
  cutoff: string | null;
  wouldPurge: number;
}

/**
 * Retention: how long finished conversations are kept (the server purges daily), a dry-run
 * count of the next purge, purge now, and deleting everything held for one patient.
 */
export function RetentionPanel({
  session,
  onSave,
}: {
  session: ConsoleSession;
  onSave: (name: string, value: unknown) => Promise<string | null>;
}) {
  const { t } = useConsole();
  const [state, setState] = useState<RetentionState | null>(null);
  const [days, setDays] = useState('');
  const [message, setMessage] = useState('');
  const [error, setError] = useState('');
  const [patientId, setPatientId] = useState('');
  const [confirmed, setConfirmed] = useState(false);

  const refresh = async () => {
    const response = await session.staffFetch('/api/admin/retention');
    if (!response.ok) throw new Error(String(response.status));
    const body = (await response.json()) as RetentionState;
    setState(body);
    setDays(body.finishedDays === null ? '' : String(body.finishedDays));
  };
  useEffect(() => {
    refresh().catch(() => setError(t('settingsLoadFailed')));
  }, []);

  const post = async (path: string) => {
    const response = await session.staffFetch(path, { method: 'POST' });
    if (!response.ok) throw new Error(String(response.status));
    return (await response.json()) as { conversations: number };
  };
  const run = async (work: () => Promise<string>) => {
    setError('');
    setMessage('');
    try {
      setMessage(await work());
      await refresh();
    } catch (cause) {
      setError(cause instanceof Error && cause.message ? cause.message : t('settingsSaveFailed'));
    }
  };

  return (
    <section class="admin-section" aria-labelledby="retention-title">
      <h3 id="retention-title">{t('retentionTitle')}</h3>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void run(async () => {
            const value = { finishedDays: days.trim() === '' ? null : Number(days) };
            const problem = await onSave('retention', value);
            if (problem) throw new Error(problem);
            return t('retentionSaved');
          });
        }}
      >
        <label for="retention-days">{t('retentionDays')}</label>
        <input
          id="retention-days"
          type="number"
          min={1}
          max={3650}
          value={days}
          onInput={(e) => setDays(e.currentTarget.value)}
        />
        <button type="submit" class="primary">
          {t('saveRetention')}
        </button>
      </form>
      <p class="muted" data-retention-dry-run={state?.wouldPurge ?? ''}>
        {state === null
          ? ''
          : state.finishedDays === null
            ? t('retentionOff')
            : t('retentionDryRun', { n: state.wouldPurge, days: state.finishedDays })}
      </p>
      <button
        type="button"
        disabled={!state || state.wouldPurge === 0}
        onClick={() =>
          void run(async () =>
            t('retentionPurged', { n: (await post('/api/admin/retention/purge')).conversations }),
          )
        }
      >
        {t('retentionPurgeNow')}
      </button>
      <form
        class="patient-delete"
        onSubmit={(e) => {
          e.preventDefault();
          const id = patientId.trim();
          void run(async () => {
            const result = await post(`/api/admin/patients/${encodeURIComponent(id)}/delete`);
            setPatientId('');
            setConfirmed(false);
            return t('patientDeleted', { id, n: result.conversations });
          });
        }}
      >
        <h4>{t('patientDeleteTitle')}</h4>
        <label for="delete-patient">{t('patientDeleteId')}</label>
        <input
          id="delete-patient"
          value={patientId}
          required
          onInput={(e) => setPatientId(e.currentTarget.value)}
        />
        <label class="confirm">
          <input
            type="checkbox"
            checked={confirmed}
            onChange={(e) => setConfirmed(e.currentTarget.checked)}
          />{' '}
          {t('patientDeleteConfirm')}
        </label>
        <button type="submit" class="danger" disabled={!confirmed || patientId.trim() === ''}>
          {t('patientDelete')}
        </button>
      </form>
      <p role="status" class="muted">
        {message}
      </p>
      {error ? (
        <p role="alert" class="error">
          {error}
        </p>
      ) : null}
    </section>
  );
}

import { useEffect, useState } from 'preact/hooks';
import type { ConsoleSession } from '../../session/session';
import { useConsole } from '../context';
import { presenceLabel } from '../labels';
import { type StaffAssignment, StaffAssignmentForm } from './StaffAssignmentForm';
import { ROLE_LABEL, refusalText, type StaffList, type StaffRow } from './staff-rows';

type Editing = { kind: 'edit'; person: StaffRow } | { kind: 'add' } | null;

/**
 * Staff: roles and queues (from her identity provider, or set here: the server's assignment
 * wins, and applies to her open consoles at once), capacity, presence and load; disable or
 * enable a person (her sessions end at once on every node); add someone before her sign-in.
 */
export function AgentsPanel({ session }: { session: ConsoleSession }) {
  const { t } = useConsole();
  const [list, setList] = useState<StaffList | null>(null);
  const [capacities, setCapacities] = useState<Record<string, string>>({});
  const [editing, setEditing] = useState<Editing>(null);
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');
  const refresh = async () => {
    const response = await session.staffFetch('/api/admin/staff');
    if (!response.ok) throw new Error(String(response.status));
    const next = (await response.json()) as StaffList;
    setList(next);
    setCapacities(Object.fromEntries(next.staff.map((a) => [a.id, String(a.capacity ?? '')])));
  };
  useEffect(() => {
    refresh().catch(() => setError(t('settingsLoadFailed')));
  }, []);
  const act = async (path: string, init: RequestInit, done: string) => {
    setError('');
    setStatus('');
    try {
      const response = await session.staffFetch(path, init);
      if (!response.ok) throw new Error(await refusalText(response, t));
      await refresh();
      setStatus(done);
      return true;
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : t('settingsSaveFailed'));
      return false;
    }
  };
  const assignmentPath = (id: string) => `/api/admin/staff/${encodeURIComponent(id)}/assignment`;
  const save = async (a: StaffAssignment) => {
    const saved = await act(
      assignmentPath(a.staffId),
      {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          roles: a.roles,
          queues: a.queues,
          ...(a.displayName ? { displayName: a.displayName } : {}),
        }),
      },
      t('staffSaved', {
        name:
          a.displayName ?? list?.staff.find((p) => p.id === a.staffId)?.displayName ?? a.staffId,
      }),
    );
    if (saved) setEditing(null);
  };
  const reset = async (person: StaffRow) => {
    const done = await act(
      assignmentPath(person.id),
      { method: 'DELETE' },
      t('staffResetDone', { name: person.displayName }),
    );
    if (done) setEditing(null);
  };
  const sourceText = (p: StaffRow) =>
    p.source === 'override'
      ? t('staffSourceOverride', { name: p.updatedBy ?? '' })
      : p.source === 'token'
        ? t('staffSourceToken')
        : t('staffSourceNone');
  return (
    <section class="admin-section" aria-labelledby="agents-title">
      <h3 id="agents-title">{t('agentsTitle')}</h3>
      {list && list.staff.length === 0 ? <p class="muted">{t('none')}</p> : null}
      {list && list.staff.length > 0 ? (
        <div class="table-scroll">
          <table class="staff-table">
            <caption class="vh">{t('agentsTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('staffName')}</th>
                <th scope="col">{t('staffRoles')}</th>
                <th scope="col">{t('staffQueues')}</th>
                <th scope="col">{t('staffSource')}</th>
                <th scope="col">{t('agentsLoad')}</th>
                <th scope="col">{t('agentsCapacity')}</th>
                <th scope="col">{t('agentsAccess')}</th>
              </tr>
            </thead>
            <tbody>
              {list.staff.map((a) => (
                <tr key={a.id} data-agent={a.id}>
                  <th scope="row">
                    {a.displayName} <span class="muted">({a.id})</span>
                  </th>
                  <td>{a.roles.map((r) => t(ROLE_LABEL[r])).join(', ')}</td>
                  <td>{a.queues.join(', ') || t('staffNoQueue')}</td>
                  <td>
                    {sourceText(a)}
                    <button
                      type="button"
                      class="link"
                      aria-label={t('staffEdit', { name: a.displayName })}
                      onClick={() => setEditing({ kind: 'edit', person: a })}
                    >
                      {t('staffEditShort')}
                    </button>
                  </td>
                  <td>
                    {a.presence === null
                      ? '—'
                      : `${a.activeChats} · ${presenceLabel(t, a.presence)}`}
                  </td>
                  <td>
                    {a.capacity === null ? (
                      '—'
                    ) : (
                      <form
                        class="inline"
                        onSubmit={(e) => {
                          e.preventDefault();
                          void act(
                            `/api/admin/agents/${encodeURIComponent(a.id)}/capacity`,
                            {
                              method: 'PUT',
                              headers: { 'content-type': 'application/json' },
                              body: JSON.stringify({ capacity: Number(capacities[a.id]) }),
                            },
                            t('agentsSaved', { name: a.displayName }),
                          );
                        }}
                      >
                        <input
                          type="number"
                          min={1}
                          max={20}
                          aria-label={t('agentsCapacityOf', { name: a.displayName })}
                          value={capacities[a.id] ?? ''}
                          onInput={(e) =>
                            setCapacities({ ...capacities, [a.id]: e.currentTarget.value })
                          }
                        />
                        <button type="submit">{t('agentsSaveCapacity')}</button>
                      </form>
                    )}
                  </td>
                  <td>
                    <button
                      type="button"
                      class={a.disabled ? '' : 'danger'}
                      onClick={() =>
                        void act(
                          `/api/admin/staff/${encodeURIComponent(a.id)}/${a.disabled ? 'enable' : 'disable'}`,
                          { method: 'POST' },
                          t(a.disabled ? 'agentsEnabled' : 'agentsDisabled', {
                            name: a.displayName,
                          }),
                        )
                      }
                    >
                      {t(a.disabled ? 'agentsEnable' : 'agentsDisable', { name: a.displayName })}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {editing === null && list ? (
        <button type="button" onClick={() => setEditing({ kind: 'add' })}>
          {t('staffAddTitle')}
        </button>
      ) : null}
      {editing && list ? (
        <StaffAssignmentForm
          key={editing.kind === 'edit' ? editing.person.id : 'new'}
          person={editing.kind === 'edit' ? editing.person : null}
          queues={list.queues}
          onSave={(a) => void save(a)}
          {...(editing.kind === 'edit' &&
          editing.person.source === 'override' &&
          editing.person.claims
            ? { onReset: () => void reset(editing.person) }
            : {})}
          onCancel={() => setEditing(null)}
        />
      ) : null}
      <p role="status" class="muted">
        {status}
      </p>
      {error ? (
        <p role="alert" class="error">
          {error}
        </p>
      ) : null}
    </section>
  );
}

import { useEffect, useState } from 'preact/hooks';
import type { ConsoleSession } from '../../session/session';
import { useConsole } from '../context';

interface AgentRow {
  id: string;
  displayName: string;
  queues: string[];
  capacity: number;
  presence: string;
  activeCount: number;
  disabled: boolean;
}

/**
 * Agents: queues (as the identity provider states them), capacity (editable), presence and
 * load; disable or enable a person (her sessions end at once on every node).
 */
export function AgentsPanel({ session }: { session: ConsoleSession }) {
  const { t } = useConsole();
  const [agents, setAgents] = useState<AgentRow[] | null>(null);
  const [capacities, setCapacities] = useState<Record<string, string>>({});
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');
  const refresh = async () => {
    const response = await session.staffFetch('/api/admin/agents');
    if (!response.ok) throw new Error(String(response.status));
    const list = ((await response.json()) as { agents: AgentRow[] }).agents;
    setAgents(list);
    setCapacities(Object.fromEntries(list.map((a) => [a.id, String(a.capacity)])));
  };
  useEffect(() => {
    refresh().catch(() => setError(t('settingsLoadFailed')));
  }, []);
  const act = async (path: string, init: RequestInit, done: string) => {
    setError('');
    setStatus('');
    try {
      const response = await session.staffFetch(path, init);
      if (!response.ok) {
        const body = (await response.json().catch(() => null)) as {
          error?: { message?: string };
        } | null;
        throw new Error(body?.error?.message ?? t('settingsSaveFailed'));
      }
      await refresh();
      setStatus(done);
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : t('settingsSaveFailed'));
    }
  };
  return (
    <section class="admin-section" aria-labelledby="agents-title">
      <h3 id="agents-title">{t('agentsTitle')}</h3>
      {agents && agents.length === 0 ? <p class="muted">{t('none')}</p> : null}
      {agents && agents.length > 0 ? (
        <div class="table-scroll">
          <table>
            <caption class="vh">{t('agentsTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('agent')}</th>
                <th scope="col">{t('queue')}</th>
                <th scope="col">{t('agentsLoad')}</th>
                <th scope="col">{t('agentsCapacity')}</th>
                <th scope="col">{t('agentsAccess')}</th>
              </tr>
            </thead>
            <tbody>
              {agents.map((a) => (
                <tr key={a.id} data-agent={a.id}>
                  <th scope="row">
                    {a.displayName} <span class="muted">({a.id})</span>
                  </th>
                  <td>{a.queues.join(', ')}</td>
                  <td>
                    {a.activeCount} · {a.presence}
                  </td>
                  <td>
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

import { useEffect, useState } from 'preact/hooks';
import type { ConsoleSession } from '../../session/session';
import { useConsole } from '../context';
import { formatDateTime } from '../format';
import { refusalText } from './staff-rows';

interface ApiKeyRow {
  id: string;
  name: string;
  createdBy: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/**
 * API keys for reporting tools (Power BI, Grafana): read-only, the analytics API only. The
 * secret is shown once, when the key is made; a key can be revoked; last use is shown.
 */
export function ApiKeysPanel({ session }: { session: ConsoleSession }) {
  const { t, locale } = useConsole();
  const [keys, setKeys] = useState<ApiKeyRow[] | null>(null);
  const [name, setName] = useState('');
  const [secret, setSecret] = useState<{ name: string; value: string } | null>(null);
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');
  const refresh = async () => {
    const response = await session.staffFetch('/api/admin/api-keys');
    if (!response.ok) throw new Error(String(response.status));
    setKeys(((await response.json()) as { keys: ApiKeyRow[] }).keys);
  };
  useEffect(() => {
    refresh().catch(() => setError(t('settingsLoadFailed')));
  }, []);
  const call = async (path: string, init: RequestInit) => {
    setError('');
    setStatus('');
    const response = await session.staffFetch(path, init);
    if (!response.ok) {
      setError(await refusalText(response, t));
      return null;
    }
    const body: unknown = await response.json();
    await refresh();
    return body;
  };
  const create = async () => {
    const made = (await call('/api/admin/api-keys', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: name.trim() }),
    })) as { secret: string } | null;
    if (!made) return;
    setSecret({ name: name.trim(), value: made.secret });
    setName('');
    setStatus(t('apiKeyMade', { name: name.trim() }));
  };
  const when = (iso: string | null) => (iso ? formatDateTime(locale, iso) : t('apiKeyNever'));
  return (
    <section class="admin-section" aria-labelledby="api-keys-title">
      <h3 id="api-keys-title">{t('apiKeysTitle')}</h3>
      <p class="muted">{t('apiKeysHint')}</p>
      <form
        class="inline"
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim()) void create();
        }}
      >
        <label>
          {t('apiKeyName')}
          <input
            class="api-key-name"
            value={name}
            maxLength={80}
            required
            onInput={(e) => setName(e.currentTarget.value)}
          />
        </label>
        <button type="submit">{t('apiKeyMake')}</button>
      </form>
      {secret ? (
        <div class="api-key-secret">
          <label>
            {t('apiKeySecret', { name: secret.name })}
            <input readOnly value={secret.value} onFocus={(e) => e.currentTarget.select()} />
          </label>
          <p class="muted">{t('apiKeyOnce')}</p>
          <button type="button" onClick={() => setSecret(null)}>
            {t('apiKeyHide')}
          </button>
        </div>
      ) : null}
      {keys && keys.length > 0 ? (
        <div class="table-scroll">
          <table>
            <caption class="vh">{t('apiKeysTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('apiKeyName')}</th>
                <th scope="col">{t('apiKeyCreated')}</th>
                <th scope="col">{t('apiKeyLastUsed')}</th>
                <th scope="col">{t('agentsAccess')}</th>
              </tr>
            </thead>
            <tbody>
              {keys.map((k) => (
                <tr key={k.id} data-api-key={k.name}>
                  <th scope="row">{k.name}</th>
                  <td>
                    {when(k.createdAt)} · {k.createdBy}
                  </td>
                  <td>{when(k.lastUsedAt)}</td>
                  <td>
                    {k.revokedAt ? (
                      t('apiKeyRevokedOn', { when: when(k.revokedAt) })
                    ) : (
                      <button
                        type="button"
                        class="danger"
                        onClick={() =>
                          void call(`/api/admin/api-keys/${encodeURIComponent(k.id)}/revoke`, {
                            method: 'POST',
                          }).then((done) => {
                            if (done) setStatus(t('apiKeyRevoked', { name: k.name }));
                          })
                        }
                      >
                        {t('apiKeyRevoke', { name: k.name })}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : keys ? (
        <p class="muted">{t('none')}</p>
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

import type { ContentItem, ContentKind } from '@baton/handoff-protocol';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ConsoleSession } from '../../session/session';
import { useConsole, useSessionState } from '../context';
import { ContentForm } from './ContentForm';
import { kindLabel } from './kind-label';
import { useContentCatalog } from './useConversationContent';

/** Admins: every canned response, script, article and macro, per queue; create, edit, retire. */
export function ContentAdmin({ session }: { session: ConsoleSession }) {
  const { t } = useConsole();
  const catalog = useContentCatalog(session);
  const { connection } = useSessionState(session);
  const [editing, setEditing] = useState<ContentItem | 'new' | null>(null);
  const [kind, setKind] = useState<ContentKind | ''>('');
  const [status, setStatus] = useState('');
  /** The save we wait for: its confirmation comes back as `content.changed`. */
  const awaiting = useRef<{
    id?: string;
    afterVersion?: number;
    title: string;
    /** Creating: the ids known before, so the new one is told apart by id, not title. */
    known?: ReadonlySet<string>;
  } | null>(null);

  useEffect(() => {
    if (connection === 'connected') session.loadAllContent();
  }, [session, connection]);

  useEffect(() => {
    const wanted = awaiting.current;
    if (!wanted || !catalog.admin) return;
    const saved = catalog.admin.find((i) =>
      wanted.id
        ? i.id === wanted.id && i.version > (wanted.afterVersion ?? 0)
        : i.title === wanted.title && !wanted.known?.has(i.id),
    );
    if (!saved) return;
    awaiting.current = null;
    setStatus(t('contentSaved', { title: saved.title, version: saved.version }));
  }, [catalog.admin]);

  const items = (catalog.admin ?? []).filter((i) => kind === '' || i.kind === kind);
  return (
    <section class="content-admin" aria-labelledby="content-admin-title">
      <header class="row">
        <h2 id="content-admin-title">{t('contentAdminTitle')}</h2>
        <label>
          {t('contentFilterKind')}{' '}
          <select value={kind} onChange={(e) => setKind(e.currentTarget.value as ContentKind | '')}>
            <option value="">{t('contentAllKinds')}</option>
            {(['canned', 'script', 'article', 'macro'] as const).map((k) => (
              <option key={k} value={k}>
                {kindLabel(t, k)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" class="primary" onClick={() => setEditing('new')}>
          {t('contentNew')}
        </button>
      </header>
      <p role="status" class="muted">
        {status}
      </p>
      {editing ? (
        <ContentForm
          key={editing === 'new' ? 'new' : `${editing.id}-${editing.version}`}
          item={editing === 'new' ? null : editing}
          onCancel={() => setEditing(null)}
          onSave={(draft) => {
            awaiting.current = draft.id
              ? { id: draft.id, afterVersion: draft.expectedVersion ?? 0, title: draft.title }
              : {
                  title: draft.title,
                  known: new Set((catalog.admin ?? []).map((i) => i.id)),
                };
            setStatus('');
            session.saveContent(draft);
            setEditing(null);
          }}
        />
      ) : null}
      {catalog.admin === null ? (
        <p class="muted">{t('contentLoading')}</p>
      ) : items.length === 0 ? (
        <p class="muted">{t('contentEmpty')}</p>
      ) : (
        <table class="content-table">
          <thead>
            <tr>
              <th scope="col">{t('contentTitle')}</th>
              <th scope="col">{t('contentKind')}</th>
              <th scope="col">{t('contentQueueColumn')}</th>
              <th scope="col">{t('contentVersion')}</th>
              <th scope="col">{t('contentActions')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.id} class={item.retired ? 'retired' : undefined}>
                <th scope="row">
                  {item.title}
                  {item.shortcut ? <span class="shortcut"> /{item.shortcut}</span> : null}
                  {item.retired ? <span class="badge"> {t('contentRetired')}</span> : null}
                </th>
                <td>{kindLabel(t, item.kind)}</td>
                <td>{item.queue ?? t('contentAllQueues')}</td>
                <td>{item.version}</td>
                <td>
                  <div class="row">
                    <button
                      type="button"
                      aria-label={t('contentEditLabel', { title: item.title })}
                      onClick={() => setEditing(item)}
                    >
                      {t('contentEdit')}
                    </button>
                    <button
                      type="button"
                      aria-label={t(item.retired ? 'contentRestoreLabel' : 'contentRetireLabel', {
                        title: item.title,
                      })}
                      onClick={() => {
                        awaiting.current = {
                          id: item.id,
                          afterVersion: item.version,
                          title: item.title,
                        };
                        session.retireContent(item.id, !item.retired);
                      }}
                    >
                      {item.retired ? t('contentRestore') : t('contentRetire')}
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

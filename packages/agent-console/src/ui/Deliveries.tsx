import { useCallback, useEffect, useState } from 'preact/hooks';
import type { Translate } from '../i18n';
import { type DeliveryRow, listFailedDeliveries, retryDelivery } from '../session/notify-api';
import type { ConsoleSession } from '../session/session';
import { useConsole } from './context';

export interface DeliveriesProps {
  session: Pick<ConsoleSession, 'serverUrl' | 'token'>;
}

/** A reason code in words (unknown codes are shown as they are: they are codes, not content). */
export function deliveryReason(t: Translate, code: string | null): string {
  if (code === null) return '';
  if (code === 'no_contact') return t('deliveryReasonNoContact');
  if (code === 'smtp_unreachable' || code === 'webhook_unreachable')
    return t('deliveryReasonUnreachable');
  if (/^smtp_5\d\d$/.test(code)) return t('deliveryReasonRefused', { code });
  return t('deliveryReasonOther', { code });
}

/**
 * Administrators: appointment reminders that did not reach the patient (failed after the
 * retries, or no trusted address), with the reason and a retry button. The server audits
 * the list and every retry.
 */
export function Deliveries({ session }: DeliveriesProps) {
  const { t, locale } = useConsole();
  const [rows, setRows] = useState<DeliveryRow[] | null>(null);
  const [status, setStatus] = useState('');
  const [error, setError] = useState(false);
  const load = useCallback(async () => {
    try {
      setRows(await listFailedDeliveries(session));
      setError(false);
    } catch {
      setError(true);
    }
  }, [session]);
  useEffect(() => {
    void load();
  }, [load]);
  const retry = async (row: DeliveryRow) => {
    try {
      await retryDelivery(session, row.id);
      setStatus(t('deliveryRetried'));
    } catch {
      setStatus(t('deliveryRetryFailed'));
    }
    await load();
  };
  const when = (iso: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' }).format(
      new Date(iso),
    );

  return (
    <section class="deliveries" aria-labelledby="deliveries-title">
      <h2 id="deliveries-title">
        {t('deliveriesTitle')} {rows ? <span class="count">({rows.length})</span> : null}
      </h2>
      <p class="muted">{t('deliveriesHint')}</p>
      <button type="button" onClick={() => void load()}>
        {t('deliveriesRefresh')}
      </button>
      <p class="vh" role="status">
        {status}
      </p>
      {error ? (
        <p class="error" role="alert">
          {t('deliveriesLoadFailed')}
        </p>
      ) : rows === null ? (
        <p class="muted">{t('deliveriesLoading')}</p>
      ) : rows.length === 0 ? (
        <p class="muted">{t('deliveriesEmpty')}</p>
      ) : (
        <table class="deliveries-table">
          <caption class="vh">{t('deliveriesTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('deliveryChannel')}</th>
              <th scope="col">{t('deliveryStatus')}</th>
              <th scope="col">{t('deliveryReason')}</th>
              <th scope="col">{t('deliveryAttempts')}</th>
              <th scope="col">{t('deliveryLastTry')}</th>
              <th scope="col">{t('deliveryConversation')}</th>
              <th scope="col">
                <span class="vh">{t('actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} data-delivery-id={row.id}>
                <td>{row.channel === 'email' ? t('deliveryEmail') : t('deliveryWebhook')}</td>
                <td>
                  {row.status === 'failed' ? t('deliveryFailed') : t('deliveryUndeliverable')}
                </td>
                <td>{deliveryReason(t, row.lastError)}</td>
                <td>{row.attempts}</td>
                <td>
                  <time dateTime={row.updatedAt}>{when(row.updatedAt)}</time>
                </td>
                <td>
                  <code>{row.conversationId}</code>
                </td>
                <td>
                  <button
                    type="button"
                    aria-label={t('deliveryRetryLabel', { conversation: row.conversationId })}
                    onClick={() => void retry(row)}
                  >
                    {t('deliveryRetry')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

import { useCallback, useEffect, useState } from 'preact/hooks';
import type { ConsoleSession } from '../session/session';
import { type AdminSlot, addSlots, listSlots, slotSeries } from '../session/slots-api';
import { useConsole } from './context';

export interface SlotsAdminProps {
  session: Pick<ConsoleSession, 'serverUrl' | 'token'>;
}

/**
 * Administrators: Baton's own appointment slots (built-in scheduling) for the coming two
 * weeks, booked or free, and a form that adds a series of back-to-back slots. With FHIR
 * scheduling the slots live in the record system and this list stays empty.
 */
export function SlotsAdmin({ session }: SlotsAdminProps) {
  const { t, locale } = useConsole();
  const [slots, setSlots] = useState<AdminSlot[] | null>(null);
  const [error, setError] = useState(false);
  const [status, setStatus] = useState('');
  const [start, setStart] = useState('');
  const [minutes, setMinutes] = useState('20');
  const [count, setCount] = useState('1');
  const [label, setLabel] = useState('');
  const [service, setService] = useState('');
  const load = useCallback(async () => {
    try {
      setSlots(await listSlots(session));
      setError(false);
    } catch {
      setError(true);
    }
  }, [session]);
  useEffect(() => {
    void load();
  }, [load]);

  const add = async (event: Event) => {
    event.preventDefault();
    const series = slotSeries(start, Number(minutes), Number(count), label, service);
    if (series.length === 0) {
      setStatus(t('slotAdminInvalid'));
      return;
    }
    try {
      const { added, skipped } = await addSlots(session, series);
      setStatus(t('slotAdminAdded', { added, skipped }));
    } catch {
      setStatus(t('slotAdminAddFailed'));
    }
    await load();
  };
  const when = (iso: string) =>
    new Intl.DateTimeFormat(locale, {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
    }).format(new Date(iso));

  return (
    <section class="slots-admin" aria-labelledby="slots-title">
      <h2 id="slots-title">
        {t('slotAdminTitle')} {slots ? <span class="count">({slots.length})</span> : null}
      </h2>
      <p class="muted">{t('slotAdminHint')}</p>
      <form class="slots-form" onSubmit={(e) => void add(e)}>
        <fieldset>
          <legend>{t('slotAdminAddLegend')}</legend>
          <label>
            {t('slotAdminStart')}
            <input
              type="datetime-local"
              required
              value={start}
              onInput={(e) => setStart(e.currentTarget.value)}
            />
          </label>
          <label>
            {t('slotAdminMinutes')}
            <input
              type="number"
              min={5}
              max={240}
              required
              value={minutes}
              onInput={(e) => setMinutes(e.currentTarget.value)}
            />
          </label>
          <label>
            {t('slotAdminCount')}
            <input
              type="number"
              min={1}
              max={48}
              required
              value={count}
              onInput={(e) => setCount(e.currentTarget.value)}
            />
          </label>
          <label>
            {t('slotAdminLabel')}
            <input
              type="text"
              maxLength={200}
              value={label}
              onInput={(e) => setLabel(e.currentTarget.value)}
            />
          </label>
          <label>
            {t('slotAdminService')}
            <input
              type="text"
              maxLength={64}
              value={service}
              onInput={(e) => setService(e.currentTarget.value)}
            />
          </label>
          <button type="submit" class="primary">
            {t('slotAdminAdd')}
          </button>
        </fieldset>
      </form>
      <p class="slots-status" role="status">
        {status}
      </p>
      {error ? (
        <p class="error" role="alert">
          {t('slotAdminLoadFailed')}
        </p>
      ) : slots === null ? (
        <p class="muted">{t('worklistLoading')}</p>
      ) : slots.length === 0 ? (
        <p class="muted">{t('slotAdminEmpty')}</p>
      ) : (
        <table class="slots-table">
          <caption class="vh">{t('slotAdminTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('slotAdminWhen')}</th>
              <th scope="col">{t('slotAdminLabel')}</th>
              <th scope="col">{t('slotAdminService')}</th>
              <th scope="col">{t('slotAdminState')}</th>
            </tr>
          </thead>
          <tbody>
            {slots.map((slot) => (
              <tr key={slot.id} data-slot-id={slot.id}>
                <td>
                  <time dateTime={slot.start}>{when(slot.start)}</time>
                  {' – '}
                  <time dateTime={slot.end}>
                    {new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(
                      new Date(slot.end),
                    )}
                  </time>
                </td>
                <td>{slot.label ?? ''}</td>
                <td>{slot.service ?? t('slotAdminAnyService')}</td>
                <td>{slot.booked ? t('slotAdminBooked') : t('slotAdminFree')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

import { useEffect, useState } from 'preact/hooks';
import type { ConsoleSession } from '../../session/session';
import { useConsole } from '../context';
import { LocalDateInput } from './LocalDateInput';

interface SlotRow {
  id: string;
  start: string;
  end: string;
  label: string | null;
  service: string | null;
  booked: boolean;
}

interface SlotList {
  provider: string;
  editable: boolean;
  slots: SlotRow[];
}

/** `YYYY-MM-DD` and `HH:MM` of this browser's clock, for the add form's defaults. */
function tomorrowAtNine(): { day: string; time: string } {
  const d = new Date(Date.now() + 86_400_000);
  const day = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  return { day, time: '09:00' };
}

/**
 * The scheduling provider's appointment slots for the coming two weeks: the built-in
 * provider's are added and removed here (a booked one stays until its booking is cancelled);
 * a FHIR server's are shown read-only. Every change is audited by the server.
 */
export function SlotsPanel({ session }: { session: ConsoleSession }) {
  const { t, locale } = useConsole();
  const [list, setList] = useState<SlotList | null>(null);
  const [form, setForm] = useState(() => ({
    ...tomorrowAtNine(),
    minutes: '20',
    label: '',
    service: '',
  }));
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');
  const when = new Intl.DateTimeFormat(locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });
  const refresh = async () => {
    const response = await session.staffFetch('/api/admin/slots');
    if (!response.ok) throw new Error(String(response.status));
    setList((await response.json()) as SlotList);
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
  const add = (e: Event) => {
    e.preventDefault();
    const start = new Date(`${form.day}T${form.time}`);
    const minutes = Number(form.minutes);
    if (Number.isNaN(start.getTime()) || !(minutes >= 5 && minutes <= 480)) {
      setError(t('slotAdminBadTime'));
      return;
    }
    const end = new Date(start.getTime() + minutes * 60_000);
    const slot = {
      start: start.toISOString(),
      end: end.toISOString(),
      ...(form.label.trim() ? { label: form.label.trim() } : {}),
      ...(form.service.trim() ? { service: form.service.trim() } : {}),
    };
    void act(
      '/api/admin/slots',
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ slots: [slot] }),
      },
      t('slotAdminAdded', { when: when.format(start) }),
    );
  };
  const field = (name: keyof typeof form, label: string, type: string, required = false) => (
    <div class="period-field">
      <label for={`slot-${name}`}>{label}</label>
      {type === 'date' || type === 'time' ? (
        <LocalDateInput
          id={`slot-${name}`}
          type={type}
          value={form[name]}
          required={required}
          onValue={(value) => setForm({ ...form, [name]: value })}
        />
      ) : (
        <input
          id={`slot-${name}`}
          type={type}
          value={form[name]}
          required={required}
          {...(type === 'number' ? { min: 5, max: 480, step: 5 } : {})}
          onInput={(e) => setForm({ ...form, [name]: e.currentTarget.value })}
        />
      )}
    </div>
  );
  return (
    <section class="admin-section" aria-labelledby="slots-title">
      <h3 id="slots-title">{t('slotAdminTitle')}</h3>
      {list ? (
        <p class="muted">
          {list.editable
            ? t('slotAdminBuiltIn')
            : t('slotAdminReadOnly', { provider: list.provider })}
        </p>
      ) : null}
      {list?.editable ? (
        <form class="period" aria-label={t('slotAdminAddLabel')} onSubmit={add}>
          {field('day', t('slotAdminDay'), 'date', true)}
          {field('time', t('slotAdminTime'), 'time', true)}
          {field('minutes', t('slotAdminMinutes'), 'number', true)}
          {field('label', t('slotAdminLabel'), 'text')}
          {field('service', t('slotAdminService'), 'text')}
          <div class="period-actions">
            <button type="submit" class="primary">
              {t('slotAdminAdd')}
            </button>
          </div>
        </form>
      ) : null}
      <p role="status">{status}</p>
      {error ? (
        <p role="alert" class="error">
          {error}
        </p>
      ) : null}
      {list && list.slots.length === 0 ? <p class="muted">{t('slotAdminNone')}</p> : null}
      {list && list.slots.length > 0 ? (
        <div class="table-scroll slot-list">
          <table>
            <caption class="vh">{t('slotAdminTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('slotAdminWhen')}</th>
                <th scope="col">{t('slotAdminLabel')}</th>
                <th scope="col">{t('slotAdminService')}</th>
                <th scope="col">{t('slotAdminState')}</th>
                {list.editable ? <th scope="col">{t('colActions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {list.slots.map((s) => {
                const at = when.format(new Date(s.start));
                return (
                  <tr key={s.id} data-slot={s.id}>
                    <th scope="row">{at}</th>
                    <td>{s.label ?? t('notAvailable')}</td>
                    <td>{s.service ?? t('slotAdminAnyService')}</td>
                    <td>{s.booked ? t('slotAdminBooked') : t('slotAdminFree')}</td>
                    {list.editable ? (
                      <td>
                        {s.booked ? null : (
                          <button
                            type="button"
                            aria-label={t('slotAdminRemoveLabel', { when: at })}
                            onClick={() =>
                              void act(
                                `/api/admin/slots/${encodeURIComponent(s.id)}`,
                                { method: 'DELETE' },
                                t('slotAdminRemoved', { when: at }),
                              )
                            }
                          >
                            {t('slotAdminRemove')}
                          </button>
                        )}
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

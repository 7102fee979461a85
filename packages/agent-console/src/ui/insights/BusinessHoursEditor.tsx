import { useEffect, useState } from 'preact/hooks';
import type { MessageKey } from '../../i18n';
import { useConsole } from '../context';
import {
  draftOf,
  type HoursByQueue,
  hoursOf,
  type QueueDraft,
  WEEKDAYS,
  type Weekday,
} from './business-hours-form';
import { LocalDateInput } from './LocalDateInput';

const DAY_KEYS: Record<Weekday, MessageKey> = {
  mon: 'dayMon',
  tue: 'dayTue',
  wed: 'dayWed',
  thu: 'dayThu',
  fri: 'dayFri',
  sat: 'daySat',
  sun: 'daySun',
};

/** One queue's opening hours, closed dates and out-of-hours message; queues without hours are always open. */
export function BusinessHoursEditor(props: {
  hours: HoursByQueue;
  stored: boolean;
  updatedBy: string | null;
  onSave: (value: HoursByQueue) => Promise<string | null>;
  /** The organisation's zone: new queues start in it; said next to the zone field. */
  organisation?: { timeZone: string; timeZoneSource: 'configured' | 'default' };
}) {
  const { t } = useConsole();
  const queues = Object.keys(props.hours).sort();
  const zone = props.organisation?.timeZone ?? 'UTC';
  const [queue, setQueue] = useState(queues[0] ?? 'general');
  const [draft, setDraft] = useState<QueueDraft>(() => draftOf(props.hours[queue], zone));
  const [status, setStatus] = useState<
    { kind: 'idle' | 'saving' | 'saved' } | { kind: 'error'; text: string }
  >({
    kind: 'idle',
  });
  useEffect(() => setDraft(draftOf(props.hours[queue], zone)), [props.hours]);

  const setDay = (day: Weekday, patch: Partial<QueueDraft['days'][Weekday]>) =>
    setDraft({ ...draft, days: { ...draft.days, [day]: { ...draft.days[day], ...patch } } });

  const submit = async (e: Event) => {
    e.preventDefault();
    setStatus({ kind: 'saving' });
    const name = queue.trim();
    const error = await props.onSave({ ...props.hours, [name]: hoursOf(draft, props.hours[name]) });
    setStatus(error ? { kind: 'error', text: error } : { kind: 'saved' });
  };

  return (
    <form class="admin-section" aria-labelledby="hours-title" onSubmit={submit}>
      <h3 id="hours-title">{t('businessHoursTitle')}</h3>
      <p class="muted">
        {props.stored
          ? t('settingsStoredBy', { name: props.updatedBy ?? '' })
          : t('settingsFromConfig')}
      </p>
      <label for="hours-queue">{t('queue')}</label>
      <input
        id="hours-queue"
        list="hours-queues"
        value={queue}
        required
        onChange={(e) => {
          setQueue(e.currentTarget.value);
          setDraft(draftOf(props.hours[e.currentTarget.value], zone));
        }}
      />
      <datalist id="hours-queues">
        {queues.map((q) => (
          <option key={q} value={q} />
        ))}
      </datalist>
      <label for="hours-zone">{t('timeZone')}</label>
      <input
        id="hours-zone"
        value={draft.timeZone}
        required
        aria-describedby="hours-zone-organisation"
        onInput={(e) => setDraft({ ...draft, timeZone: e.currentTarget.value })}
      />
      <p id="hours-zone-organisation" class="muted">
        {t(
          props.organisation?.timeZoneSource === 'configured'
            ? 'businessHoursOrganisationZone'
            : 'businessHoursDefaultZone',
          { zone },
        )}
      </p>
      <table class="hours">
        <caption class="vh">{t('openingHours')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('day')}</th>
            <th scope="col">{t('openDay')}</th>
            <th scope="col">{t('opensAt')}</th>
            <th scope="col">{t('closesAt')}</th>
          </tr>
        </thead>
        <tbody>
          {WEEKDAYS.map((day) => {
            const d = draft.days[day];
            const label = t(DAY_KEYS[day]);
            return (
              <tr key={day} data-day={day}>
                <th scope="row">{label}</th>
                <td>
                  <input
                    type="checkbox"
                    checked={d.open}
                    aria-label={t('openOn', { day: label })}
                    onChange={(e) => setDay(day, { open: e.currentTarget.checked })}
                  />
                </td>
                <td>
                  <LocalDateInput
                    id={`hours-${day}-from`}
                    type="time"
                    value={d.from}
                    disabled={!d.open}
                    label={`${label} ${t('opensAt')}`}
                    onValue={(from) => setDay(day, { from })}
                  />
                </td>
                <td>
                  <LocalDateInput
                    id={`hours-${day}-to`}
                    type="time"
                    value={d.to}
                    disabled={!d.open}
                    label={`${label} ${t('closesAt')}`}
                    onValue={(to) => setDay(day, { to })}
                  />
                  {d.open && d.from === '00:00' && d.to === '00:00' ? (
                    <div class="meta">{t('hoursAllDay')}</div>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <label for="hours-closed">{t('closedDates')}</label>
      <input
        id="hours-closed"
        value={draft.closedDates}
        placeholder="2026-12-25, 2027-01-01"
        onInput={(e) => setDraft({ ...draft, closedDates: e.currentTarget.value })}
      />
      <label for="hours-message">{t('outOfHoursMessage')}</label>
      <textarea
        id="hours-message"
        maxLength={1000}
        value={draft.outOfHoursMessage}
        onInput={(e) => setDraft({ ...draft, outOfHoursMessage: e.currentTarget.value })}
      />
      <button type="submit" class="primary" disabled={status.kind === 'saving'}>
        {t('saveBusinessHours')}
      </button>
      <p role="status" class="muted">
        {status.kind === 'saved'
          ? t('settingsSaved')
          : status.kind === 'saving'
            ? t('settingsSaving')
            : ''}
      </p>
      {status.kind === 'error' ? (
        <p role="alert" class="error">
          {status.text}
        </p>
      ) : null}
    </form>
  );
}

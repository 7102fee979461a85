/** The console's editable copy of one queue's business hours (one opening range per day). */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface QueueHours {
  timeZone: string;
  weekly: Partial<Record<Weekday, [string, string][]>>;
  closedDates?: string[];
  outOfHoursMessage?: string;
}

export type HoursByQueue = Record<string, QueueHours>;

export interface DayDraft {
  open: boolean;
  from: string;
  to: string;
}

export interface QueueDraft {
  timeZone: string;
  days: Record<Weekday, DayDraft>;
  closedDates: string;
  outOfHoursMessage: string;
}

/**
 * A time input cannot show `24:00` (the end of a day that closes at midnight): the form shows
 * and takes `00:00` as a closing time instead.
 */
const MIDNIGHT = '00:00';

/** A queue without hours starts in the organisation's zone (`BATON_TIME_ZONE`). */
export function draftOf(hours: QueueHours | undefined, organisationZone = 'UTC'): QueueDraft {
  const days = {} as Record<Weekday, DayDraft>;
  for (const day of WEEKDAYS) {
    const range = hours?.weekly[day]?.[0];
    days[day] = range
      ? { open: true, from: range[0], to: range[1] === '24:00' ? MIDNIGHT : range[1] }
      : { open: false, from: '08:00', to: '18:00' };
  }
  return {
    timeZone: hours?.timeZone ?? organisationZone,
    days,
    closedDates: (hours?.closedDates ?? []).join(', '),
    outOfHoursMessage: hours?.outOfHoursMessage ?? '',
  };
}

/** The draft as stored hours; a day's extra ranges (set in the config file) are kept. */
export function hoursOf(draft: QueueDraft, previous: QueueHours | undefined): QueueHours {
  const weekly: QueueHours['weekly'] = {};
  for (const day of WEEKDAYS) {
    const d = draft.days[day];
    // A day that closes at 00:00 closes at midnight, the end of that day.
    const to = d.to === MIDNIGHT ? '24:00' : d.to;
    if (d.open) weekly[day] = [[d.from, to], ...(previous?.weekly[day]?.slice(1) ?? [])];
  }
  const closedDates = draft.closedDates
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  const message = draft.outOfHoursMessage.trim();
  return {
    timeZone: draft.timeZone.trim(),
    weekly,
    ...(closedDates.length ? { closedDates } : {}),
    ...(message ? { outOfHoursMessage: message } : {}),
  };
}

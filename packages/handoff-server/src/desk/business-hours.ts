/**
 * Business hours of a queue: an IANA time zone, weekly opening ranges per weekday (local
 * wall-clock time, `HH:MM`, end exclusive; `24:00` allowed as an end) and closed dates
 * (`YYYY-MM-DD`, local). Plain data, so an admin screen can edit it later and a store can
 * keep it; {@link isOpenAt} answers for an instant, daylight-saving changes included.
 */
export interface BusinessHours {
  timeZone: string;
  weekly: Partial<Record<Weekday, readonly OpeningRange[]>>;
  closedDates?: readonly string[];
  /** Shown to the patient out of hours (the `notice` of `handoff.failed`). */
  outOfHoursMessage?: string;
}

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
export const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** `[from, to)` in local time, e.g. `['08:00', '18:00']`. */
export type OpeningRange = readonly [string, string];

const TIME = /^([01][0-9]|2[0-3]):([0-5][0-9])$|^24:00$/;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/;

/** Problems with a business-hours definition (empty when valid): for config errors. */
export function businessHoursProblems(hours: BusinessHours): string[] {
  const problems: string[] = [];
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: hours.timeZone });
  } catch {
    problems.push(`unknown time zone "${hours.timeZone}"`);
  }
  for (const [day, ranges] of Object.entries(hours.weekly ?? {})) {
    if (!WEEKDAYS.includes(day as Weekday)) problems.push(`unknown weekday "${day}"`);
    for (const range of ranges ?? []) {
      const [from, to] = range;
      if (!TIME.test(from) || !TIME.test(to) || from === '24:00')
        problems.push(`${day}: "${from}-${to}" is not HH:MM-HH:MM`);
      else if (minutes(from) >= minutes(to))
        problems.push(`${day}: "${from}-${to}" ends before it starts`);
    }
  }
  for (const date of hours.closedDates ?? [])
    if (!DATE.test(date)) problems.push(`closed date "${date}" is not YYYY-MM-DD`);
  if (hours.outOfHoursMessage !== undefined && hours.outOfHoursMessage.length > 1000)
    problems.push('outOfHoursMessage is longer than 1000 characters');
  return problems;
}

function minutes(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return h! * 60 + m!;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Local date, weekday and minutes since midnight of `instant` in `timeZone`. */
export function localTime(instant: Date, timeZone: string) {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(instant).map((p) => [p.type, p.value]));
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: String(parts.weekday).slice(0, 3).toLowerCase() as Weekday,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

/** Whether the queue is open at `instant`. */
export function isOpenAt(hours: BusinessHours, instant: Date): boolean {
  const local = localTime(instant, hours.timeZone);
  if (hours.closedDates?.includes(local.date)) return false;
  const ranges = hours.weekly[local.weekday] ?? [];
  return ranges.some(([from, to]) => local.minutes >= minutes(from) && local.minutes < minutes(to));
}

/** Per queue; queues without an entry are always open. */
export type BusinessHoursByQueue = Readonly<Record<string, BusinessHours>>;

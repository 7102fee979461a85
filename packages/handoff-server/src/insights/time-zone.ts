const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let found = formatters.get(timeZone);
  if (!found) {
    found = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, found);
  }
  return found;
}

/** True for an IANA zone name the runtime knows (`Europe/Paris`, `UTC`). */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

function wallClock(at: number, timeZone: string): Record<string, number> {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(at)))
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  return parts;
}

/** Milliseconds the zone's wall clock is ahead of UTC at instant `at`. */
function offsetAt(at: number, timeZone: string): number {
  const p = wallClock(at, timeZone);
  const asUtc = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return asUtc - Math.floor(at / 1000) * 1000;
}

/** The zone's calendar day (`YYYY-MM-DD`) at instant `at`. */
export function localDay(at: string | number, timeZone: string): string {
  const p = wallClock(typeof at === 'number' ? at : Date.parse(at), timeZone);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The instant the zone's day `YYYY-MM-DD` starts (its local midnight, DST included); null
 * when `day` is not a calendar day.
 */
export function startOfLocalDay(day: string, timeZone: string): Date | null {
  const match = DAY.exec(day);
  if (!match) return null;
  const guess = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (Number.isNaN(guess) || localDay(guess, 'UTC') !== day) return null;
  let at = guess - offsetAt(guess, timeZone);
  at = guess - offsetAt(at, timeZone);
  return new Date(at);
}

/** The day after `YYYY-MM-DD`. */
export function nextDay(day: string): string {
  const at = Date.parse(`${day}T12:00:00Z`) + 86_400_000;
  return new Date(at).toISOString().slice(0, 10);
}

/** Every local day from `from` to `to` (inclusive), at most `limit`. */
export function daysBetween(from: string, to: string, limit = 400): string[] {
  const days: string[] = [];
  for (let day = from; day <= to && days.length < limit; day = nextDay(day)) days.push(day);
  return days;
}

import type { ReminderMessage } from './notifier';

/** `20300102T090000Z` */
function stamp(isoInstant: string): string {
  return new Date(isoInstant)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** RFC 5545 TEXT escaping. */
function text(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r?\n/g, '\\n');
}

/** Lines longer than 75 octets are folded (RFC 5545 §3.1). */
function fold(line: string): string {
  const out: string[] = [];
  let rest = line;
  while (Buffer.byteLength(rest, 'utf8') > 75) {
    let cut = 74;
    while (Buffer.byteLength(rest.slice(0, cut), 'utf8') > 74) cut -= 1;
    out.push(rest.slice(0, cut));
    rest = ` ${rest.slice(cut)}`;
  }
  out.push(rest);
  return out.join('\r\n');
}

/**
 * The appointment as an iCalendar event (`METHOD:PUBLISH`): times in UTC (calendars show
 * them in the reader's zone), a UID stable per slot so a re-sent reminder updates the same
 * event, and the reschedule link as the event URL when there is one.
 */
export function appointmentCalendar(message: ReminderMessage, summary: string, now = new Date()) {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Baton//Appointment reminder//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${text(message.slotId)}@baton`,
    `DTSTAMP:${stamp(now.toISOString())}`,
    `DTSTART:${stamp(message.start)}`,
    `DTEND:${stamp(message.end)}`,
    `SUMMARY:${text(summary)}`,
    ...(message.rescheduleUrl ? [`URL:${text(message.rescheduleUrl)}`] : []),
    'STATUS:CONFIRMED',
    'BEGIN:VALARM',
    'ACTION:DISPLAY',
    `DESCRIPTION:${text(summary)}`,
    'TRIGGER:-PT1H',
    'END:VALARM',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(fold).join('\r\n')}\r\n`;
}

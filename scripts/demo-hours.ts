import { writeFileSync } from 'node:fs';

/**
 * Business hours for the demo's `general` queue, where `BATON_BUSINESS_HOURS_FILE` reads them:
 * open around the clock (a visitor can try a handoff at any hour), in the organisation's zone
 * (no `timeZone` of their own: `BATON_TIME_ZONE`, Europe/Paris in the demo). The
 * out-of-hours message names no hours, so it stays true whatever an administrator (`ada`)
 * narrows them to in Administration → Business hours; `BATON_BUSINESS_HOURS` replaces them.
 */
export function writeDemoBusinessHours(file: string): void {
  const allDay = [['00:00', '24:00']];
  const hours = {
    general: {
      weekly: Object.fromEntries(
        ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => [day, allDay]),
      ),
      closedDates: [],
      outOfHoursMessage:
        'Our care team is not available at the moment. Leave a message, ask for a callback or book an appointment: we answer as soon as we are back.',
    },
  };
  writeFileSync(file, `${JSON.stringify(hours, null, 2)}\n`);
}

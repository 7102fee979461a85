import { writeFileSync } from 'node:fs';

/**
 * Business hours for the demo's `general` queue, where `BATON_BUSINESS_HOURS_FILE` reads them:
 * open around the clock (a visitor can try a handoff at any hour), with the clinic's
 * out-of-hours message ready. An administrator (`ada`) narrows them in Administration →
 * Business hours to see the out-of-hours path; `BATON_BUSINESS_HOURS` replaces them.
 */
export function writeDemoBusinessHours(file: string): void {
  const allDay = [['00:00', '24:00']];
  const hours = {
    general: {
      timeZone: 'Europe/Paris',
      weekly: Object.fromEntries(
        ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => [day, allDay]),
      ),
      closedDates: [],
      outOfHoursMessage:
        'Our care team answers Monday to Friday, 8:00 to 18:00, and Saturday, 9:00 to 12:00 (Paris time). Leave a message, ask for a callback or book an appointment.',
    },
  };
  writeFileSync(file, `${JSON.stringify(hours, null, 2)}\n`);
}

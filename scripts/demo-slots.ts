import { writeFileSync } from 'node:fs';

const CLINICIANS = [
  'Dr. Amara Osei, Main St clinic',
  'Dr. Lucas Meyer, Main St clinic',
  'Nurse Inès Laurent, Riverside clinic',
];
const MORNING = [9, 9.5, 10, 10.5, 11, 11.5];
const AFTERNOON = [14, 14.5, 15, 15.5, 16, 16.5];

/**
 * A week of slots from tomorrow (weekdays, 9–12 and 14–17 local time, 20 minutes each, the
 * three demo clinicians in turn), written where `BATON_SLOTS_FILE` reads them. Ids come
 * from the time and clinician, so a restarted demo adds only the new days.
 */
export function writeDemoSlots(file: string, now = new Date()): number {
  const slots: { id: string; start: string; end: string; label: string; service: string }[] = [];
  for (let day = 1; slots.length < 5 * 12 && day <= 9; day += 1) {
    const date = new Date(now.getFullYear(), now.getMonth(), now.getDate() + day);
    if (date.getDay() === 0 || date.getDay() === 6) continue;
    [...MORNING, ...AFTERNOON].forEach((hour, i) => {
      const start = new Date(date);
      start.setHours(Math.floor(hour), (hour % 1) * 60, 0, 0);
      const end = new Date(start.getTime() + 20 * 60_000);
      const who = (day + i) % CLINICIANS.length;
      slots.push({
        id: `demo-${start
          .toISOString()
          .replace(/[^0-9]/g, '')
          .slice(0, 12)}-${who}`,
        start: start.toISOString(),
        end: end.toISOString(),
        label: CLINICIANS[who]!,
        service: 'general',
      });
    });
  }
  writeFileSync(file, `${JSON.stringify(slots, null, 2)}\n`);
  return slots.length;
}

import { isRecord } from '../activity.js';

/** What a patient turn carries, once read from the activity. */
export interface PatientInput {
  text: string | undefined;
  submitted: Record<string, unknown> | undefined;
  location: { latitude: number; longitude: number } | undefined;
}
/** Card submits and postBacks may carry their value as JSON text. */
export function parseValue(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

/** A shared location: `{ lat, long }` or `{ latitude, longitude }`, object or JSON string. */
export function locationOf(value: unknown): PatientInput['location'] {
  const v = parseValue(value);
  if (!isRecord(v)) return;
  const lat = v.latitude ?? v.lat;
  const lon = v.longitude ?? v.long ?? v.lon ?? v.lng;
  if (typeof lat === 'number' && typeof lon === 'number') return { latitude: lat, longitude: lon };
  return isRecord(v.geo) ? locationOf(v.geo) : undefined;
}

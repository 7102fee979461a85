import type { HandoffRequest } from '@baton/handoff-protocol';
import { isTimeZone } from '../insights/time-zone';

/** Attribute keys that name the patient's time zone in the verified context. */
export const PATIENT_ZONE_KEYS: readonly string[] = ['timeZone', 'timezone', 'tz'];

/**
 * The patient's IANA time zone from the verified part of a handoff request (`patient`: the
 * signed token's claims or the patient-context provider), never from what the browser states;
 * `null` when none is given or it names no zone this runtime knows.
 */
export function patientZoneOf(request: Pick<HandoffRequest, 'patient'> | null): string | null {
  const zone = request?.patient.attributes?.find((a) => PATIENT_ZONE_KEYS.includes(a.key))?.value;
  return typeof zone === 'string' && zone.length <= 64 && isTimeZone(zone) ? zone : null;
}

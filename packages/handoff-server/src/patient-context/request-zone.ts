import type { HandoffRequest } from '@baton/handoff-protocol';
import { isTimeZone } from '../insights/time-zone';
import { contactFromRequest } from './contact';

/**
 * The patient's IANA time zone from the verified part of a handoff request (`patient`: the
 * signed token's claims or the patient-context provider), never from what the browser states;
 * `null` when none is given or it names no zone this runtime knows. The keys are read by
 * `contactFromRequest`, the one lookup reminders and slot queries use too.
 */
export function patientZoneOf(request: Pick<HandoffRequest, 'patient'> | null): string | null {
  const zone = contactFromRequest(request)?.timeZone;
  return typeof zone === 'string' && zone.length <= 64 && isTimeZone(zone) ? zone : null;
}

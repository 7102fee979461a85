import type { HandoffRequest } from '@baton/handoff-protocol';

/** Where a reminder may go, from trusted context only (the signed token or a record system). */
export interface PatientContact {
  email?: string;
  locale: string;
  timeZone?: string;
}

/** Attribute keys read from the verified patient context. */
const EMAIL_KEYS = ['email', 'emailAddress'];
const ZONE_KEYS = ['timeZone', 'timezone', 'tz'];

/**
 * The patient's contact and time zone from the verified part of the handoff request
 * (`patient`: the token's claims or the patient-context provider); never `statedByPatient`
 * nor chat text. Reminders and the slots offered in the chat both read it here.
 */
export function contactFromRequest(
  request: Pick<HandoffRequest, 'patient'> | null | undefined,
): PatientContact | null {
  if (!request) return null;
  const attributes = request.patient.attributes ?? [];
  const value = (keys: string[]) => attributes.find((a) => keys.includes(a.key))?.value;
  const email = value(EMAIL_KEYS);
  const timeZone = value(ZONE_KEYS);
  return {
    locale: request.patient.locale,
    ...(email ? { email } : {}),
    ...(timeZone ? { timeZone } : {}),
  };
}

/**
 * The patient's contact details as the portal knows them (its own verified records), signed
 * into the handoff token as `attrs` so the handoff server treats them as trusted context:
 * appointment reminders go to this e-mail address, in this time zone, and staff see the
 * address and phone number for a callback. Never taken from the browser.
 */
export interface PatientContact {
  /** Where reminders are e-mailed. */
  email?: string;
  /** For a callback (E.164 preferred, e.g. `+33612345678`). */
  phone?: string;
  /** IANA zone reminders are written in, e.g. `Europe/Paris`. */
  timeZone?: string;
}

/** One `attrs` entry of the handoff token (the protocol's `PatientAttribute`). */
export interface SignedPatientAttribute {
  key: string;
  label?: string;
  value: string;
  displayable: boolean;
  clinical: boolean;
}

const EMAIL =
  /^[^\s@<>()",;:]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)+$/;
const PHONE = /^\+?[0-9][0-9 ().-]{3,30}$/;

function validZone(zone: string): boolean {
  if (zone.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Why a contact was refused: the field's name, never its value. */
export class PatientContactError extends TypeError {
  override readonly name = 'PatientContactError';
  constructor(readonly field: keyof PatientContact) {
    super(`contact.${field} is invalid`);
  }
}

/**
 * The signed attributes for a contact: `email`, `phone` (displayable, not clinical) and
 * `timeZone`. Throws `PatientContactError` on a malformed value (nothing is signed then).
 */
export function contactAttributes(contact: PatientContact | undefined): SignedPatientAttribute[] {
  if (!contact) return [];
  const attributes: SignedPatientAttribute[] = [];
  const { email, phone, timeZone } = contact;
  if (email !== undefined) {
    if (email.length > 254 || !EMAIL.test(email)) throw new PatientContactError('email');
    attributes.push({
      key: 'email',
      label: 'E-mail',
      value: email,
      displayable: true,
      clinical: false,
    });
  }
  if (phone !== undefined) {
    if (!PHONE.test(phone)) throw new PatientContactError('phone');
    attributes.push({
      key: 'phone',
      label: 'Phone',
      value: phone,
      displayable: true,
      clinical: false,
    });
  }
  if (timeZone !== undefined) {
    if (!validZone(timeZone)) throw new PatientContactError('timeZone');
    attributes.push({
      key: 'timeZone',
      label: 'Time zone',
      value: timeZone,
      displayable: true,
      clinical: false,
    });
  }
  return attributes;
}

/** The handoff token's `attrs`: the contact first, then the other attributes (at most 64). */
export function signedAttributes(identity: {
  contact?: PatientContact;
  attributes?: readonly SignedPatientAttribute[];
}): SignedPatientAttribute[] {
  return [...contactAttributes(identity.contact), ...(identity.attributes ?? [])].slice(0, 64);
}

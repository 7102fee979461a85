import type { PatientContact, SignedPatientAttribute } from './patient-contact';

/** The patient, as the portal's own authentication knows them. */
export interface PatientIdentity {
  /** Opaque portal id: never an MRN or a name. */
  patientId: string;
  displayName: string;
  locale?: string;
  /** Extra claims for the bot (strings only). */
  context?: Record<string, string>;
  /**
   * The patient's e-mail, phone and time zone from the portal's records: signed into the
   * handoff token (`attrs`) as trusted context; reminders use them. Not sent to the bot.
   */
  contact?: PatientContact;
  /** Other verified attributes staff may see (handoff token `attrs`, at most 64 in all). */
  attributes?: readonly SignedPatientAttribute[];
}

import type { PatientAttribute } from '@baton/handoff-protocol';
import type { PatientPrincipal } from '../auth/principal';

/** What staff may be told about a patient: only from a signed or server-side source. */
export interface VerifiedPatientContext {
  displayName: string;
  locale: string;
  attributes?: PatientAttribute[];
}

/**
 * Where the server gets the patient context staff see. It is given the authenticated patient
 * (the verified token) and nothing the browser sent. The default reads the token's claims;
 * a record system (FHIR, a CRM) can stand in. A provider that fails makes the handoff fail
 * with `unavailable` (the widget retries); it never falls back to the browser's words.
 */
export interface PatientContextProvider {
  readonly name: string;
  contextFor(patient: PatientPrincipal): Promise<VerifiedPatientContext>;
}

/** The default provider: the patient token's `name`, `locale` and `attrs` claims. */
export const tokenClaimsPatientContext: PatientContextProvider = {
  name: 'token-claims',
  async contextFor(patient) {
    return {
      displayName: patient.displayName,
      locale: patient.locale,
      ...(patient.attributes && patient.attributes.length > 0
        ? { attributes: patient.attributes.map((attribute) => ({ ...attribute })) }
        : {}),
    };
  },
};

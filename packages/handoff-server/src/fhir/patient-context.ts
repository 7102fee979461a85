import type { PatientAttribute } from '@baton/handoff-protocol';
import type { PatientPrincipal } from '../auth/principal';
import type { PatientContextProvider, VerifiedPatientContext } from '../patient-context/provider';
import type { FhirClient, FhirResource } from './client';
import {
  DEFAULT_PATIENT_FIELDS,
  type FhirFieldMapping,
  mapAttributes,
  readable,
} from './field-mapping';

/** Token attributes kept beside the record's: the patient's contact, signed by the portal. */
const TOKEN_CONTACT_KEYS: ReadonlySet<string> = new Set([
  'email',
  'emailAddress',
  'phone',
  'timeZone',
  'timezone',
  'tz',
]);

export interface FhirPatientContextOptions {
  client: FhirClient;
  /**
   * How the authenticated patient id finds the record: `id` reads `Patient/{patientId}`,
   * `identifier` searches `Patient?identifier={identifierSystem}|{patientId}`.
   */
  lookup: { by: 'id' } | { by: 'identifier'; system: string };
  /** Which Patient fields become attributes. Default `DEFAULT_PATIENT_FIELDS`. */
  fields?: readonly FhirFieldMapping[];
  /** Add the latest `Encounter` and the next booked `Appointment` (clinical attributes). */
  summary?: { encounter?: boolean; appointment?: boolean };
  now?: () => number;
}

function nameOf(patient: FhirResource): string | null {
  const names = Array.isArray(patient.name) ? (patient.name as Record<string, unknown>[]) : [];
  const name = names.find((n) => n.use === 'official') ?? names[0];
  return readable(name)?.slice(0, 200) ?? null;
}

/**
 * The patient context from a FHIR R4 server: the `Patient` of the authenticated patient
 * (never what the browser sent), mapped to attributes each marked displayable or clinical,
 * optionally with an encounter and appointment summary. A patient the server does not know
 * gets the token's own context; a server that fails makes the handoff fail (`unavailable`).
 */
export function fhirPatientContext(options: FhirPatientContextOptions): PatientContextProvider {
  const { client, lookup } = options;
  const fields = options.fields ?? DEFAULT_PATIENT_FIELDS;
  const now = options.now ?? Date.now;

  const findPatient = async (patientId: string): Promise<FhirResource | null> => {
    if (lookup.by === 'id') return client.read('Patient', patientId);
    const found = await client.search('Patient', [
      ['identifier', `${lookup.system}|${patientId}`],
      ['_count', '2'],
    ]);
    // Two records for one identifier: ambiguous, so none is shown.
    return found.length === 1 ? found[0]! : null;
  };

  const summary = async (patient: FhirResource): Promise<PatientAttribute[]> => {
    const subject = `Patient/${patient.id}`;
    const attributes: PatientAttribute[] = [];
    if (options.summary?.encounter) {
      const [encounter] = await client.search('Encounter', [
        ['subject', subject],
        ['_sort', '-date'],
        ['_count', '1'],
      ]);
      if (encounter)
        attributes.push(
          ...mapAttributes(encounter, [
            {
              key: 'lastEncounter',
              label: 'Last encounter',
              path: 'type',
              displayable: true,
              clinical: true,
            },
            {
              key: 'lastEncounterReason',
              label: 'Reason',
              path: 'reasonCode',
              displayable: true,
              clinical: true,
            },
            {
              key: 'lastEncounterDate',
              label: 'Encounter date',
              path: 'period.start',
              displayable: true,
              clinical: true,
            },
          ]),
        );
    }
    if (options.summary?.appointment) {
      const [next] = await client.search('Appointment', [
        ['patient', subject],
        ['status', 'booked'],
        ['date', `ge${new Date(now()).toISOString()}`],
        ['_sort', 'date'],
        ['_count', '1'],
      ]);
      if (next)
        attributes.push(
          ...mapAttributes(next, [
            {
              key: 'nextAppointment',
              label: 'Next appointment',
              path: 'start',
              displayable: true,
              clinical: false,
            },
            {
              key: 'nextAppointmentService',
              label: 'Appointment for',
              path: 'serviceType',
              displayable: true,
              clinical: true,
            },
          ]),
        );
    }
    return attributes;
  };

  return {
    name: 'fhir',
    async contextFor(patient: PatientPrincipal): Promise<VerifiedPatientContext> {
      const record = await findPatient(patient.patientId);
      if (!record)
        return {
          displayName: patient.displayName,
          locale: patient.locale,
          ...(patient.attributes?.length
            ? { attributes: patient.attributes.map((a) => ({ ...a })) }
            : {}),
        };
      const mapped = [...mapAttributes(record, fields), ...(await summary(record))];
      // The portal's signed contact (where reminders go, their time zone) stays unless the
      // record gives the same field.
      const keys = new Set(mapped.map((a) => a.key));
      const contact = (patient.attributes ?? [])
        .filter((a) => TOKEN_CONTACT_KEYS.has(a.key) && !keys.has(a.key))
        .map((a) => ({ ...a }));
      const attributes = [...mapped, ...contact].slice(0, 64);
      return {
        displayName: nameOf(record) ?? patient.displayName,
        locale: patient.locale,
        ...(attributes.length > 0 ? { attributes } : {}),
      };
    },
  };
}

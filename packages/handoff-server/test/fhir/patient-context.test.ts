import {
  FhirClient,
  fhirPatientContext,
  smartBackendServices,
  staticBearer,
} from '@baton/handoff-server';
import { testPatientContextProvider } from '@baton/handoff-server/testing';
import { exportJWK, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FhirTestServer, startFhirServer } from '../support/fhir';

const MRN = 'urn:oid:1.2.36.146.595.217.0.1';
const principal = (patientId: string) => ({
  kind: 'patient' as const,
  patientId,
  displayName: 'From the token',
  locale: 'fr-CA',
  conversationId: null,
});

async function seedPatient(fhir: FhirTestServer, mrn: string) {
  const patient = await fhir.create({
    resourceType: 'Patient',
    identifier: [{ system: MRN, value: mrn }],
    name: [{ use: 'official', given: ['Lucía'], family: 'Fernández' }],
    birthDate: '1984-02-11',
    gender: 'female',
    telecom: [
      { system: 'email', value: 'lucia@example.org' },
      { system: 'phone', value: '+1 514 555 0101' },
    ],
    generalPractitioner: [{ display: 'Dr. Amara Osei' }],
  });
  await fhir.create({
    resourceType: 'Encounter',
    status: 'finished',
    class: { code: 'AMB' },
    subject: { reference: `Patient/${patient.id}` },
    type: [{ text: 'Cardiology follow-up' }],
    period: { start: '2026-10-01T09:00:00Z' },
  });
  await fhir.create({
    resourceType: 'Appointment',
    status: 'booked',
    start: '2031-01-15T14:00:00Z',
    end: '2031-01-15T14:20:00Z',
    serviceType: [{ text: 'Echocardiogram' }],
    participant: [{ actor: { reference: `Patient/${patient.id}` }, status: 'accepted' }],
  });
  return patient;
}

describe('FHIR patient context (SMART Backend Services)', () => {
  let fhir: FhirTestServer;
  let provider: ReturnType<typeof fhirPatientContext>;
  beforeAll(async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS384', { extractable: true });
    const publicJwk = { ...(await exportJWK(publicKey)), kid: 'baton-1', alg: 'RS384' };
    fhir = await startFhirServer({ smart: { clientId: 'baton', publicKey: publicJwk } });
    await seedPatient(fhir, 'MRN-42');
    const authorization = smartBackendServices({
      tokenUrl: fhir.tokenUrl,
      clientId: 'baton',
      privateKey: { ...(await exportJWK(privateKey)), kid: 'baton-1', alg: 'RS384' },
      scope: 'system/Patient.read system/Encounter.read system/Appointment.read',
    });
    provider = fhirPatientContext({
      client: new FhirClient({ baseUrl: fhir.baseUrl, authorization }),
      lookup: { by: 'identifier', system: MRN },
      summary: { encounter: true, appointment: true },
    });
  });
  afterAll(() => fhir?.close());

  testPatientContextProvider('fhir', async () => ({ provider, known: principal('MRN-42') }));

  it('maps the record: name, displayable fields, clinical summary marked clinical', async () => {
    const context = await provider.contextFor(principal('MRN-42'));
    expect(context.displayName).toBe('Lucía Fernández');
    expect(context.locale).toBe('fr-CA');
    const byKey = Object.fromEntries((context.attributes ?? []).map((a) => [a.key, a]));
    expect(byKey.birthDate).toMatchObject({
      value: '1984-02-11',
      displayable: true,
      clinical: false,
    });
    expect(byKey.phone).toMatchObject({ value: '+1 514 555 0101', clinical: false });
    expect(byKey.careTeam?.value).toBe('Dr. Amara Osei');
    expect(byKey.lastEncounter).toMatchObject({ value: 'Cardiology follow-up', clinical: true });
    expect(byKey.nextAppointment).toMatchObject({ value: '2031-01-15T14:00:00Z', clinical: false });
    expect(byKey.nextAppointmentService).toMatchObject({ value: 'Echocardiogram', clinical: true });
    // Not mapped: the email and the identifier stay in the record system.
    expect(JSON.stringify(context)).not.toContain('lucia@example.org');
    expect(JSON.stringify(context)).not.toContain('MRN-42');
  });

  it('keeps the contact the portal signed into the token unless the record gives the field', async () => {
    const signed = (key: string, value: string) => ({
      key,
      value,
      displayable: true,
      clinical: false,
    });
    const context = await provider.contextFor({
      ...principal('MRN-42'),
      attributes: [
        signed('email', 'lucia.portal@example.org'),
        signed('phone', '+1 000 000 0000'),
        signed('timeZone', 'America/Toronto'),
        signed('plan', 'Gold'),
      ],
    });
    const byKey = Object.fromEntries((context.attributes ?? []).map((a) => [a.key, a.value]));
    expect(byKey.email).toBe('lucia.portal@example.org');
    expect(byKey.timeZone).toBe('America/Toronto');
    // The record's phone wins; other token attributes give way to the record's.
    expect(byKey.phone).toBe('+1 514 555 0101');
    expect(byKey.plan).toBeUndefined();
  });

  it('asks the token endpoint once and reuses the access token until it expires', async () => {
    const before = fhir.stats.tokensIssued;
    await Promise.all([1, 2, 3].map(() => provider.contextFor(principal('MRN-42'))));
    await provider.contextFor(principal('MRN-42'));
    expect(fhir.stats.tokensIssued - before).toBeLessThanOrEqual(1);
    expect(fhir.stats.tokensIssued).toBe(1);
    expect(fhir.stats.refused).toBe(0);
  });

  it('a patient the server does not know keeps the token’s context', async () => {
    const context = await provider.contextFor(principal('MRN-unknown'));
    expect(context).toEqual({ displayName: 'From the token', locale: 'fr-CA' });
  });
});

describe('FHIR patient context (static bearer, read by id, custom mapping)', () => {
  let fhir: FhirTestServer;
  beforeAll(async () => {
    fhir = await startFhirServer({ bearerToken: 'static-token-123' });
  });
  afterAll(() => fhir?.close());

  it('reads Patient/{id} with the configured fields only', async () => {
    const patient = await seedPatient(fhir, 'MRN-7');
    const provider = fhirPatientContext({
      client: new FhirClient({
        baseUrl: fhir.baseUrl,
        authorization: staticBearer('static-token-123'),
      }),
      lookup: { by: 'id' },
      fields: [
        {
          key: 'mrn',
          label: 'MRN',
          path: `identifier[system=${MRN}].value`,
          displayable: true,
          clinical: false,
        },
        { key: 'sex', path: 'gender', displayable: false, clinical: true },
      ],
    });
    const context = await provider.contextFor(principal(patient.id));
    expect(context.attributes).toEqual([
      { key: 'mrn', label: 'MRN', value: 'MRN-7', displayable: true, clinical: false },
      { key: 'sex', value: 'female', displayable: false, clinical: true },
    ]);
  });

  it('a wrong token is a provider_unavailable error, with no record content', async () => {
    const provider = fhirPatientContext({
      client: new FhirClient({ baseUrl: fhir.baseUrl, authorization: staticBearer('wrong') }),
      lookup: { by: 'id' },
    });
    const error = await provider.contextFor(principal('whatever')).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'HandoffServerError', code: 'provider_unavailable' });
    expect(String((error as Error).message)).toMatch(/HTTP 401/);
  });
});

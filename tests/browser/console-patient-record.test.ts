import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { FhirClient, fhirPatientContext, staticBearer } from '@baton/handoff-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConsoleApp } from '../../packages/agent-console/scripts/build';
import {
  PatientClient,
  sampleRequest,
  startServer,
  type TestServer,
} from '../../packages/agent-console/test/support/server';
import {
  type FhirTestServer,
  startFhirServer,
} from '../../packages/handoff-server/test/support/fhir';
import { type Browser, launchChromium, skipBrowserTests } from './support/chromium';
import { startConsoleHost } from './support/console-host';
import { axeViolations, openPage } from './support/page';

// The unified patient view of the built console with the patient context read from a real
// FHIR R4 server (Medplum's router over HTTP): the record's name replaces the token's, the
// mapped fields show, clinical ones marked — for an agent with clinical clearance.

const PORTAL_IDS = 'urn:example:portal-account';

describe.skipIf(skipBrowserTests)('console: patient context from the FHIR record', () => {
  let browser: Browser;
  let fhir: FhirTestServer;
  let handoff: TestServer;
  let host: { url: string; server: Server };
  const patients: PatientClient[] = [];

  beforeAll(async () => {
    await buildConsoleApp();
    fhir = await startFhirServer({ bearerToken: 'fhir-console-token' });
    const record = await fhir.create({
      resourceType: 'Patient',
      identifier: [{ system: PORTAL_IDS, value: 'patient-record-1' }],
      name: [{ use: 'official', given: ['Lucía'], family: 'Fernández' }],
      birthDate: '1984-02-11',
      telecom: [{ system: 'phone', value: '+1 514 555 0101' }],
      generalPractitioner: [{ display: 'Dr. Amara Osei' }],
    });
    await fhir.create({
      resourceType: 'Encounter',
      status: 'finished',
      class: { code: 'AMB' },
      subject: { reference: `Patient/${record.id}` },
      type: [{ text: 'Cardiology follow-up' }],
      period: { start: '2026-10-01T09:00:00Z' },
    });
    let target: URL | undefined;
    host = await startConsoleHost(() => target!);
    handoff = await startServer(
      [
        {
          username: 'sam',
          password: 'correct horse',
          displayName: 'Sam Okafor',
          roles: ['agent'],
          clinical: true,
          queues: ['cardiology'],
        },
      ],
      {
        allowedOrigins: [host.url],
        cookieSessions: {},
        patientContext: fhirPatientContext({
          client: new FhirClient({
            baseUrl: fhir.baseUrl,
            authorization: staticBearer('fhir-console-token'),
          }),
          lookup: { by: 'identifier', system: PORTAL_IDS },
          summary: { encounter: true },
        }),
      },
    );
    target = new URL(handoff.url);
    browser = await launchChromium({ viewport: { width: 1280, height: 720 } });
  }, 120_000);

  afterAll(async () => {
    for (const patient of patients) patient.close();
    await browser?.close();
    host?.server.closeAllConnections();
    await new Promise((resolve) => host?.server.close(resolve));
    await handoff?.close();
    await fhir?.close();
  });

  it('shows the record’s name and mapped fields, clinical ones labelled', async () => {
    const { page, problems } = await openPage(browser, `${host.url}/`);
    await page.getByLabel('User name').fill('sam');
    await page.getByLabel('Password').fill('correct horse');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: /Waiting patients/ }).waitFor();

    const patient = await PatientClient.connect(
      handoff.url,
      await handoff.patientToken('patient-record-1'),
      randomUUID(),
    );
    patients.push(patient);
    patient.requestHandoff(sampleRequest());
    const accept = page.getByRole('button', { name: 'Accept conversation with Lucía Fernández' });
    await accept.click({ timeout: 15_000 });
    await page.getByRole('heading', { name: 'Conversation with Lucía Fernández' }).waitFor();
    const context = page.locator('section.patient-context');
    await context.getByText('1984-02-11').waitFor();
    expect(await context.getByText('+1 514 555 0101').count()).toBe(1);
    expect(await context.getByText('Dr. Amara Osei').count()).toBe(1);
    const encounter = context.locator('.clinical', { hasText: 'Cardiology follow-up' });
    await encounter.waitFor();
    expect(await encounter.locator('.badge.clinical').count()).toBe(1);
    await page.screenshot({ path: '/tmp/hc-console-record.png' });
    expect(await axeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });
});

import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConsoleApp } from '../../packages/agent-console/scripts/build';
import {
  eventually,
  PatientClient,
  sampleRequest,
  startServer,
  type TestServer,
} from '../../packages/agent-console/test/support/server';
import { type Browser, launchChromium, skipBrowserTests } from './support/chromium';
import { startConsoleHost } from './support/console-host';
import { axeViolations, openPage } from './support/page';

// The built agent console (dist/app from scripts/build.ts) in real Chromium under a strict
// CSP, served from one origin that also forwards /api and /socket.io to a real handoff server
// (as a deployment would serve it): sign in, accept a waiting patient with the keyboard,
// answer, and check axe finds nothing.

describe.skipIf(skipBrowserTests)('agent console in Chromium', () => {
  let browser: Browser;
  let handoff: TestServer;
  let host: { url: string; server: Server };
  const patients: PatientClient[] = [];

  beforeAll(async () => {
    await buildConsoleApp();
    let target: URL | undefined;
    host = await startConsoleHost(() => target!);
    handoff = await startServer(
      [
        {
          username: 'amelie',
          password: 'correct horse',
          displayName: 'Amelie Roux',
          roles: ['agent'],
          queues: ['cardiology'],
        },
      ],
      { allowedOrigins: [host.url], cookieSessions: {} },
    );
    target = new URL(handoff.url);
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    for (const patient of patients) patient.close();
    await browser?.close();
    host?.server.closeAllConnections();
    await new Promise((resolve) => host?.server.close(resolve));
    await handoff?.close();
  });

  it('signs in, accepts with the keyboard, answers, under a strict CSP with no axe violation', async () => {
    const { page, problems, violations } = await openPage(browser, `${host.url}/`);
    await page.getByLabel('User name').fill('amelie');
    await page.getByLabel('Password').fill('correct horse');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: /Waiting patients/ }).waitFor();
    await page.getByText('Connected', { exact: true }).waitFor();
    expect(
      await page.evaluate(
        () => sessionStorage.length + localStorage.length + document.cookie.length,
      ),
    ).toBe(0);

    const conversationId = randomUUID();
    const patient = await PatientClient.connect(
      handoff.url,
      await handoff.patientToken('patient-browser'),
      conversationId,
    );
    patients.push(patient);
    // The browser states another name and an attribute: shown apart, labelled, axe-clean.
    const sample = sampleRequest();
    patient.requestHandoff({
      ...sample,
      patient: {
        ...sample.patient,
        displayName: 'Dr. Impostor',
        attributes: [
          {
            key: 'identityVerified',
            label: 'Identity verified',
            value: 'yes',
            displayable: true,
            clinical: false,
          },
        ],
      },
    });
    const accept = page.getByRole('button', { name: 'Accept conversation with Alex Martin' });
    await accept.waitFor();
    await page.getByText('Name stated by the patient: Dr. Impostor').waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await accept.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Conversation with Alex Martin' }).waitFor();
    const stated = page.getByRole('region', { name: 'Stated by the patient (not verified)' });
    await stated.getByText('Identity verified').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await eventually(() => patient.of('agent.joined').length === 1, 'agent.joined');

    patient.say('Hello, is anyone there?');
    const log = page.getByRole('log', { name: 'Chat with Alex Martin' });
    await log.getByText('Hello, is anyone there?').waitFor();

    const composer = page.getByLabel('Message to the patient');
    await composer.fill('Yes, I am Amelie. How can I help?');
    await composer.press('Enter');
    await log.getByText('Sent', { exact: true }).waitFor();
    const received = await eventually(
      () => patient.of('message').find((m) => m.from === 'agent'),
      'the answer at the patient',
    );
    expect(received.text).toBe('Yes, I am Amelie. How can I help?');

    expect(await axeViolations(page)).toEqual([]);
    // Escape closes the transfer dialog.
    await page.getByRole('button', { name: 'Transfer' }).click();
    await page.getByRole('dialog').waitFor();
    await page.keyboard.press('Escape');
    // The dialog goes away on the next render: wait for that, not for a fixed time.
    await page.getByRole('dialog').waitFor({ state: 'detached', timeout: 5000 });
    expect(await page.getByRole('dialog').count()).toBe(0);

    expect(await violations()).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });
});

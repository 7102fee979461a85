import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { patientMessage } from '@baton/handoff-protocol';
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

// Issue #12 items 2 and 3 in the built console (strict CSP, Chromium, 1280×720): the card
// answers and the red-flag guidance in the patient panel, bot markdown rendered by the shared
// inert renderer, a bot reply appended after the request, and an agent composing markdown
// with a preview that reaches the patient as `textFormat: markdown`.

describe.skipIf(skipBrowserTests)('console transcript in Chromium', () => {
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
    browser = await launchChromium({ viewport: { width: 1280, height: 720 } });
  }, 120_000);

  afterAll(async () => {
    for (const patient of patients) patient.close();
    await browser?.close();
    host?.server.closeAllConnections();
    await new Promise((resolve) => host?.server.close(resolve));
    await handoff?.close();
  });

  it('shows card answers, guidance and bot markdown; composes markdown with a preview', async () => {
    const { page, problems, violations } = await openPage(browser, `${host.url}/`);
    await page.getByLabel('User name').fill('amelie');
    await page.getByLabel('Password').fill('correct horse');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Connected', { exact: true }).waitFor();

    // An earlier conversation of the same patient, ended before this one.
    const earlierId = randomUUID();
    const earlier = await PatientClient.connect(
      handoff.url,
      await handoff.patientToken('patient-browser'),
      earlierId,
    );
    patients.push(earlier);
    earlier.requestHandoff();
    await eventually(() => earlier.of('ack').length > 0, 'the earlier request acked');
    earlier.say('Question from last month');
    await eventually(() => earlier.of('ack').length > 1, 'the earlier message acked');
    earlier.socket.emit('frame', patientMessage('leave', { conversationId: earlierId }));
    // Frames of one socket are handled in order: `resumed` comes after the leave took effect.
    earlier.socket.emit(
      'frame',
      patientMessage('resume', { conversationId: earlierId, sinceSeq: 0 }),
    );
    await eventually(() => earlier.of('resumed').length > 0, 'the earlier conversation left');

    const conversationId = randomUUID();
    const patient = await PatientClient.connect(
      handoff.url,
      await handoff.patientToken('patient-browser'),
      conversationId,
    );
    patients.push(patient);
    const sample = sampleRequest();
    const at = new Date().toISOString();
    patient.requestHandoff({
      ...sample,
      reason: {
        kind: 'urgent',
        detail: 'red-flag',
        guidance: { emergencyNumber: '911', text: 'Call 911 now. Do not wait for a reply here.' },
      },
      priority: 'emergency',
      transcript: {
        entries: [
          {
            id: 'b1',
            from: 'bot',
            at,
            text: 'I am the **virtual assistant**. See [our clinics](https://example.org/clinics).',
            textFormat: 'markdown',
          },
          { id: 'p1', from: 'patient', at, text: 'Age: 54, Since when?: 2 days' },
          { id: 'p2', from: 'patient', at, text: 'I have chest pain' },
        ],
      },
    });
    const accept = page.getByRole('button', { name: 'Accept conversation with Alex Martin' });
    await accept.click();
    await page.getByRole('heading', { name: 'Conversation with Alex Martin' }).waitFor();
    await eventually(() => patient.of('agent.joined').length === 1, 'agent.joined');

    const transcript = page.locator('.bot-transcript');
    await transcript.getByText('Age: 54, Since when?: 2 days').waitFor();
    expect(await transcript.locator('strong', { hasText: 'virtual assistant' }).count()).toBe(1);
    expect(await transcript.locator('a[href="https://example.org/clinics"]').count()).toBe(1);
    await page.getByText('Call 911 now. Do not wait for a reply here.').waitFor();

    // A bot reply the patient saw after the request, appended: in the live log, as the bot's.
    patient.socket.emit(
      'frame',
      patientMessage('transcript.append', {
        conversationId,
        clientMessageId: 'adv-1',
        entry: { id: 'b9', from: 'bot', at, text: 'Stay **seated**.', textFormat: 'markdown' },
      }),
    );
    const log = page.getByRole('log', { name: 'Chat with Alex Martin' });
    await log.locator('.from-bot strong', { hasText: 'seated' }).waitFor();

    const composer = page.getByLabel('Message to the patient');
    await composer.fill('Please **keep** this chat open.');
    await page.getByRole('button', { name: 'Preview' }).click();
    const preview = page.getByRole('region', { name: 'Preview' });
    await preview.locator('strong', { hasText: 'keep' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    const dir = process.env.BATON_SCREENSHOTS_DIR;
    if (dir) await page.screenshot({ path: `${dir}/console-transcript.png` });
    await composer.press('Enter');
    const received = await eventually(
      () => patient.of('message').find((m) => m.from === 'agent'),
      'the markdown message at the patient',
    );
    expect(received).toMatchObject({
      text: 'Please **keep** this chat open.',
      textFormat: 'markdown',
    });
    await log.locator('.mine strong', { hasText: 'keep' }).waitFor();

    // The patient panel's history: list, open read-only (audited on the server), close.
    await page.getByRole('button', { name: 'Show earlier conversations' }).click();
    const history = page.getByRole('region', { name: 'Earlier conversations' });
    await history.getByRole('listitem').first().getByRole('button').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Question from last month').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    if (dir) await page.screenshot({ path: `${dir}/console-history.png` });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await violations()).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });
});

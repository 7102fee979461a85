import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { consoleAssetsDir } from '@baton/agent-console/assets';
import { smtpNotifier, urlTemplateCallProvider } from '@baton/handoff-server';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConsoleApp } from '../../packages/agent-console/scripts/build';
import {
  PatientClient,
  sampleRequest,
  startServer,
  type TestServer,
} from '../../packages/agent-console/test/support/server';
import { type SmtpSink, startSmtpSink } from '../../packages/handoff-server/test/notify/smtp-sink';
import { type Browser, launchChromium, skipBrowserTests } from './support/chromium';
import { axeViolations, openPage } from './support/page';

// An administrator finds, in the built console served by the handoff server, the appointment
// reminders that did not reach patients (the mail server was down; one patient has no
// trusted address), reads why, and retries one once the mail server is back: it goes out.
// An agent starts a call from the same console (URL-template provider): the patient gets the
// offer with the link the agent got.

const shots = process.env.BATON_SCREENSHOT_DIR;
async function screenshot(page: Page, name: string) {
  if (!shots) return;
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

describe.skipIf(skipBrowserTests)('reminders that did not go out, in the console', () => {
  let browser: Browser;
  let server: TestServer;
  let port: number;
  let sink: SmtpSink | null = null;

  beforeAll(async () => {
    await buildConsoleApp();
    browser = await launchChromium();
    const closed = await startSmtpSink();
    await closed.close();
    port = closed.port;
    server = await startServer(
      [
        {
          username: 'amelie',
          password: 'correct horse',
          displayName: 'Amelie Roux',
          roles: ['agent'],
          queues: ['cardiology'],
        },
        {
          username: 'nadia',
          password: 'admin secret',
          displayName: 'Nadia Admin',
          roles: ['admin'],
        },
      ],
      {
        allowedOrigins: ['*'],
        consoleDir: consoleAssetsDir(),
        cookieSessions: {},
        notifications: {
          notifiers: [
            smtpNotifier({ url: `smtp://127.0.0.1:${port}`, from: 'rdv@clinic.example' }),
          ],
          pollMs: 50,
          retry: { maxAttempts: 2, baseDelayMs: 50, maxDelayMs: 100 },
        },
        followups: {
          callProvider: urlTemplateCallProvider({
            patientTemplate: 'https://meet.jit.si/c-{random}',
          }),
        },
      },
    );
    const store = server.server.engine.store;
    const payload = (email?: string) => ({
      kind: 'appointment.reminder',
      conversationId: 'conv-mail',
      patientId: 'pat-1',
      slotId: 'slot-1',
      start: new Date(Date.now() + 86_400_000).toISOString(),
      end: new Date(Date.now() + 88_200_000).toISOString(),
      locale: 'en',
      timeZone: 'Europe/London',
      organization: 'Clinic',
      ...(email ? { email } : {}),
    });
    for (const id of ['conv-mail', 'conv-none'])
      await store.createConversation({ id, patientId: `pat-${id}` });
    await store.enqueueDelivery({
      id: 'd-mail',
      key: 'k-mail',
      channel: 'email',
      kind: 'appointment.reminder',
      conversationId: 'conv-mail',
      patientId: 'pat-conv-mail',
      payload: payload('pat@example.org'),
      dueAt: new Date().toISOString(),
    });
    await store.enqueueDelivery({
      id: 'd-none',
      key: 'k-none',
      channel: 'email',
      kind: 'appointment.reminder',
      conversationId: 'conv-none',
      patientId: 'pat-conv-none',
      payload: payload(),
      dueAt: new Date().toISOString(),
      status: 'undeliverable',
      lastError: 'no_contact',
    });
    for (let i = 0; i < 200; i += 1) {
      if ((await store.getDelivery('d-mail'))?.status === 'failed') break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await sink?.close();
  });

  it('lists them with the reason, and a retry sends the reminder once the server is back', async () => {
    const { page } = await openPage(browser, `${server.url}/console/`);
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.getByLabel('User name').fill('nadia');
    await page.getByLabel('Password').fill('admin secret');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Reminders', exact: true }).click();
    const table = page.getByRole('table', { name: 'Reminders not delivered' });
    await table.waitFor({ timeout: 10_000 });
    const mail = table.locator('tr[data-delivery-id="d-mail"]');
    await mail.waitFor();
    expect(await mail.textContent()).toContain('The mail or webhook server could not be reached');
    expect(await mail.textContent()).toContain('Failed');
    const none = table.locator('tr[data-delivery-id="d-none"]');
    expect(await none.textContent()).toContain('No trusted e-mail address for this patient');
    expect(await page.locator('body').textContent()).not.toContain('pat@example.org');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'console-reminders-failed');

    sink = await startSmtpSink(port);
    await mail
      .getByRole('button', { name: 'Retry the reminder of conversation conv-mail' })
      .click();
    await page.getByText('The reminder is queued again.').waitFor();
    await mail.waitFor({ state: 'detached' });
    for (let i = 0; i < 200 && sink.messages.length === 0; i += 1)
      await new Promise((resolve) => setTimeout(resolve, 25));
    expect(sink.messages.map((m) => m.messageId)).toEqual(['<reminder-d-mail@clinic.example>']);
    await screenshot(page, 'console-reminders-retried');

    // The same screen in right-to-left layout stays usable and axe-clean.
    await page.evaluate(() => document.documentElement.setAttribute('dir', 'rtl'));
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'console-reminders-rtl');
    // Staff sessions are cookies shared by this browser's pages: sign out for the next test.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('User name').waitFor();
  });

  it('an agent starts a call from the built console: the patient gets the offer, she her link', async () => {
    const { page } = await openPage(browser, `${server.url}/console/`);
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.getByLabel('User name').fill('amelie');
    await page.getByLabel('Password').fill('correct horse');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Connected', { exact: true }).waitFor();
    const patient = await PatientClient.connect(
      server.url,
      await server.patientToken('patient-call'),
      'conv-call',
    );
    try {
      patient.requestHandoff(sampleRequest());
      await page.getByRole('button', { name: 'Accept conversation with Alex Martin' }).click();
      await page.getByRole('heading', { name: 'Conversation with Alex Martin' }).waitFor();
      // The call opens the agent's link in a new tab: keep that tab from loading Jitsi.
      await page.evaluate(() => {
        window.open = () => null;
      });
      await page.getByRole('button', { name: 'Start a call' }).click();
      const join = page.getByRole('link', { name: 'Call started: join it' });
      await join.waitFor();
      const href = await join.getAttribute('href');
      expect(href).toMatch(/^https:\/\/meet\.jit\.si\/c-[\w-]{22}$/);
      for (let i = 0; i < 200 && patient.of('call.offer').length === 0; i += 1)
        await new Promise((resolve) => setTimeout(resolve, 25));
      const offers = patient.of('call.offer') as Array<{ call: { joinUrl: string } }>;
      expect(offers.map((o) => o.call.joinUrl)).toEqual([href]);
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, 'console-call-started');
    } finally {
      patient.close();
    }
  });
});

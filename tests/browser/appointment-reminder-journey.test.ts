import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { consoleAssetsDir } from '@baton/agent-console/assets';
import { FhirClient, fhirScheduling, smtpNotifier, staticBearer } from '@baton/handoff-server';
import type { Appointment } from '@medplum/fhirtypes';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConsoleApp } from '../../packages/agent-console/scripts/build';
import { startServer, type TestServer } from '../../packages/agent-console/test/support/server';
import { type SmtpSink, startSmtpSink } from '../../packages/handoff-server/test/notify/smtp-sink';
import {
  type FhirTestServer,
  seedSchedule,
  startFhirServer,
} from '../../packages/handoff-server/test/support/fhir';
import { type Browser, launchChromium, skipBrowserTests } from './support/chromium';
import { axeViolations, openPage } from './support/page';
import { type Portal, startPortal } from './support/portal-server';

// The whole appointment journey with real parts: nobody can take the chat, the patient books a
// slot from the widget (FHIR R4 server: Medplum's router over HTTP); the reminder e-mail goes
// to the address the portal signed into her token and is received by a real SMTP server; the
// reschedule link taken from that e-mail opens in Chromium, she picks another time; the FHIR
// server holds the moved Appointment, the chat shows the new time, and the agent finds the
// change in the console's follow-up worklist.

const HOUR = 3_600_000;
const shots = process.env.BATON_SCREENSHOT_DIR ?? '/tmp/baton-screenshots';
async function screenshot(page: Page, name: string) {
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

const booked = async (fhir: FhirTestServer) => {
  const found = await fhir.repo.search({
    resourceType: 'Appointment',
    filters: [{ code: 'status', operator: 'eq' as never, value: 'booked' }],
  });
  return (found.entry?.map((e) => e.resource!) ?? []) as Appointment[];
};

describe.skipIf(skipBrowserTests)('appointment journey: chat → e-mail → link → console', () => {
  const secret = randomBytes(32).toString('hex');
  const links = { publicUrl: 'http://127.0.0.1:1', secret: randomBytes(32).toString('base64url') };
  let browser: Browser;
  let portal: Portal;
  let fhir: FhirTestServer;
  let sink: SmtpSink;
  let server: TestServer;
  let slotIds: string[];

  beforeAll(async () => {
    await buildConsoleApp();
    browser = await launchChromium();
    portal = await startPortal(
      {},
      {
        handoffTokenSecret: secret,
        patientContact: { email: 'sam@example.org', timeZone: 'Europe/Paris' },
      },
    );
    fhir = await startFhirServer({ bearerToken: 'fhir-token-j' });
    sink = await startSmtpSink();
    const firstStart = Math.ceil(Date.now() / HOUR) * HOUR + 26 * HOUR;
    ({ slotIds } = await seedSchedule(fhir, {
      practitioner: 'Dr. Amara Osei',
      firstStart,
      count: 4,
    }));
    const client = new FhirClient({
      baseUrl: fhir.baseUrl,
      authorization: staticBearer('fhir-token-j'),
    });
    server = await startServer(
      [
        {
          username: 'amelie',
          password: 'correct horse',
          displayName: 'Amelie Roux',
          roles: ['agent'],
          queues: ['general'],
        },
      ],
      {
        allowedOrigins: ['*'],
        consoleDir: consoleAssetsDir(),
        cookieSessions: {},
        timeouts: { unstaffedFallbackMs: 500 },
        fallbacks: ['appointment'],
        patientTokens: { secret, issuer: 'baton-portal' },
        followups: {
          scheduling: fhirScheduling({ client }),
          appointmentLinks: links,
          // The appointment is a day away: its reminder is due at once.
          reminderLeadMs: 72 * HOUR,
        },
        notifications: {
          notifiers: [smtpNotifier({ url: sink.url, from: 'rdv@clinic.example' })],
          organization: 'Clinique Demo',
          pollMs: 50,
        },
      },
    );
    // Links point at this server (known once it listens; read when a link is signed).
    links.publicUrl = server.url;
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await portal?.close();
    await server?.close();
    await sink?.close();
    await fhir?.close();
  });

  it('books in chat, gets the e-mail, moves it from the e-mailed link; FHIR and the console show it', async () => {
    const url = portal.page('appointment-journey', { data: { handoffServer: server.url } });
    const { page, problems } = await openPage(browser, url);
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.locator('button.launcher').click();
    await page.getByText('Hello Sam!', { exact: false }).waitFor({ timeout: 15_000 });
    const input = page.getByLabel('Your message');
    await input.fill('agent');
    await input.press('Enter');
    await Promise.race([
      page
        .getByRole('button', { name: 'Yes, connect me' })
        .click({ timeout: 10_000 })
        .catch(() => {}),
      page.locator('.handoff-status').waitFor({ timeout: 10_000 }),
    ]);
    await page.getByRole('button', { name: 'Book an appointment' }).click({ timeout: 15_000 });
    const radios = page.locator('input[type=radio]');
    await radios.first().waitFor({ timeout: 10_000 });
    await radios.first().check();
    await page.getByRole('button', { name: 'Book this time' }).click();
    await page
      .getByText('Your appointment is booked', { exact: false })
      .waitFor({ timeout: 10_000 });
    const notice = page.locator('.handoff-notice', { hasText: 'Your appointment is booked' });
    const bookedText = await notice.textContent();
    // The banner says what happens next, no longer that nobody can take the chat.
    expect(await page.locator('.handoff-status').textContent()).toContain(
      'We have your appointment',
    );
    await screenshot(page, 'journey-1-widget-booked');
    const [first] = await booked(fhir);
    expect(first?.slot?.[0]?.reference).toBe(`Slot/${slotIds[0]}`);

    // The reminder e-mail, received by the SMTP server, to the address from the signed token.
    await expect.poll(() => sink.messages.length, { timeout: 15_000, interval: 50 }).toBe(1);
    const mail = sink.messages[0]!;
    expect(sink.recipients[0]).toEqual(['sam@example.org']);
    const text = mail.text ?? '';
    expect(text).toContain('Clinique Demo');
    expect(text).not.toContain('Sam');
    expect(mail.attachments.some((a) => a.contentType.startsWith('text/calendar'))).toBe(true);
    const reschedule = text.match(/https?:\/\/\S+\/appointments\/reschedule\?t=[\w.-]+/)?.[0];
    expect(reschedule?.startsWith(`${server.url}/appointments/reschedule?t=`)).toBe(true);

    // The link from the e-mail, in Chromium: the page finds the FHIR appointment.
    const linkPage = await browser.context.newPage();
    await linkPage.setViewportSize({ width: 1280, height: 720 });
    await linkPage.goto(reschedule!);
    await linkPage.getByRole('heading', { name: 'Change your appointment' }).waitFor();
    expect(await linkPage.content()).not.toContain('already cancelled or moved');
    expect(await axeViolations(linkPage)).toEqual([]);
    await screenshot(linkPage, 'journey-2-reschedule-page');
    await linkPage.getByRole('radio').nth(1).check();
    await linkPage.getByRole('button', { name: 'Move my appointment' }).click();
    await linkPage.getByText('Your appointment is moved to', { exact: false }).waitFor();
    await screenshot(linkPage, 'journey-3-moved');

    // FHIR: the e-mailed appointment cancelled, a booked one on the picked slot.
    expect(await fhir.repo.readResource('Appointment', first!.id!)).toMatchObject({
      status: 'cancelled',
    });
    const moved = await booked(fhir);
    expect(moved).toHaveLength(1);
    expect(moved[0]!.slot?.[0]?.reference).not.toBe(`Slot/${slotIds[0]}`);
    expect(await fhir.repo.readResource('Slot', slotIds[0]!)).toMatchObject({ status: 'free' });

    // The open chat shows the new time.
    await expect
      .poll(() => notice.textContent(), { timeout: 10_000, interval: 100 })
      .not.toBe(bookedText);
    await screenshot(page, 'journey-4-widget-moved');

    // The agent: the appointment request in the worklist, its conversation shows the change.
    const consolePage = await openPage(browser, `${server.url}/console/`);
    const agent = consolePage.page;
    await agent.setViewportSize({ width: 1280, height: 720 });
    await agent.getByLabel('User name').fill('amelie');
    await agent.getByLabel('Password').fill('correct horse');
    await agent.getByRole('button', { name: 'Sign in' }).click();
    await agent.getByText('Connected', { exact: true }).waitFor();
    await agent.getByRole('button', { name: 'Follow-ups (1)' }).click({ timeout: 10_000 });
    const item = agent.locator('.followup').first();
    await item.waitFor();
    await item.getByRole('button', { name: /^Take the follow-up for/ }).click();
    const detail = agent.getByRole('region', { name: /^Follow-up for/ });
    const log = detail.getByRole('list', { name: /^Chat with/ });
    await log.waitFor();
    await log.getByText('The patient cancelled an appointment').waitFor({ timeout: 10_000 });
    const logText = (await log.textContent()) ?? '';
    expect(logText.match(/Appointment confirmed to the patient/g)?.length).toBe(2);
    // Each with the appointment's time: the first booking, its cancellation, the new one.
    const times = await log
      .locator('time.appointment-time')
      .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('datetime')));
    const newStart = (await fhir.repo.readResource<Appointment>('Appointment', moved[0]!.id!))
      .start;
    expect(times).toEqual(
      [first!.start, first!.start, newStart].map((t) => new Date(t!).toISOString()),
    );
    expect(await axeViolations(agent)).toEqual([]);
    await screenshot(agent, 'journey-5-console-worklist');
    expect(problems.filter((p) => !p.includes('Applying inline style violates'))).toEqual([]);
    await linkPage.close();
    await page.close();
  });
});

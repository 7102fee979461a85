import { randomBytes } from 'node:crypto';
import { appointmentLinks, FhirClient, fhirScheduling, staticBearer } from '@baton/handoff-server';
import type { Appointment } from '@medplum/fhirtypes';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startHandoffServer,
  type TestHandoffServer,
} from '../../packages/chat-widget/test/support/handoff-server';
import {
  type FhirTestServer,
  seedSchedule,
  startFhirServer,
} from '../../packages/handoff-server/test/support/fhir';
import { type Browser, launchChromium, skipBrowserTests } from './support/chromium';
import { axeViolations, openPage } from './support/page';
import { type Portal, startPortal } from './support/portal-server';

// The appointment journey in real Chromium against a real FHIR R4 server (Medplum's router over
// HTTP): nobody can take the chat, the patient books a slot from the widget, then follows the
// signed reschedule link of her reminder, picks another time on the server's page, and the
// FHIR server holds the moved Appointment (the old one cancelled); the chat shows the new time.

const HOUR = 3_600_000;
const LINK_SECRET = randomBytes(32).toString('base64url');

describe.skipIf(skipBrowserTests)('appointments: book in the widget, move from the link', () => {
  const secret = randomBytes(32).toString('hex');
  let browser: Browser;
  let portal: Portal;
  let fhir: FhirTestServer;
  let server: TestHandoffServer;
  let slotIds: string[];

  beforeAll(async () => {
    browser = await launchChromium();
    portal = await startPortal({}, { handoffTokenSecret: secret });
    fhir = await startFhirServer({ bearerToken: 'fhir-token-1' });
    const firstStart = Math.ceil(Date.now() / HOUR) * HOUR + 26 * HOUR;
    ({ slotIds } = await seedSchedule(fhir, {
      practitioner: 'Dr. Amara Osei',
      firstStart,
      count: 4,
    }));
    const client = new FhirClient({
      baseUrl: fhir.baseUrl,
      authorization: staticBearer('fhir-token-1'),
    });
    server = await startHandoffServer(
      {
        allowedOrigins: [portal.url],
        timeouts: { queueTimeoutMs: 300 },
        fallbacks: ['appointment'],
        followups: {
          scheduling: fhirScheduling({ client }),
          appointmentLinks: { publicUrl: 'http://unused.invalid', secret: LINK_SECRET },
        },
      },
      { patient: secret },
    );
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await portal?.close();
    await server?.close();
    await fhir?.close();
  });

  async function escalate(page: Page) {
    await page.locator('button.launcher').click();
    await page.getByText('Hello Sam!', { exact: false }).waitFor({ timeout: 15_000 });
    const input = page.getByLabel('Your message');
    await input.fill('agent');
    await input.press('Enter');
    const confirm = page.getByRole('button', { name: 'Yes, connect me' });
    await Promise.race([
      confirm.click({ timeout: 10_000 }).catch(() => {}),
      page.locator('.handoff-status').waitFor({ timeout: 10_000 }),
    ]);
  }

  it('books from the chat, reschedules from the signed link; FHIR shows the moved appointment', async () => {
    const url = portal.page('appointments', { data: { handoffServer: server.url } });
    const { page, problems } = await openPage(browser, url);
    await escalate(page);
    await page.getByRole('button', { name: 'Book an appointment' }).click({ timeout: 15_000 });
    const radios = page.locator('input[type=radio]');
    await radios.first().waitFor({ timeout: 10_000 });
    expect(await page.getByText('Dr. Amara Osei', { exact: false }).count()).toBeGreaterThan(0);
    await radios.first().check();
    await page.getByRole('button', { name: 'Book this time' }).click();
    await page
      .getByText('Your appointment is booked', { exact: false })
      .waitFor({ timeout: 10_000 });
    await page.getByRole('button', { name: 'Change' }).waitFor();
    const bookedText = await page
      .locator('.handoff-notice', { hasText: 'Your appointment is booked' })
      .textContent();
    await page.screenshot({ path: '/tmp/hc-widget-booked.png' });
    expect(await axeViolations(page)).toEqual([]);

    // The reminder's link (what the reminder e-mail carries).
    const found = await fhir.repo.search({
      resourceType: 'Appointment',
      filters: [{ code: 'status', operator: 'eq' as never, value: 'booked' }],
    });
    const booked = (found.entry?.map((e) => e.resource!) ?? []) as Appointment[];
    expect(booked).toHaveLength(1);
    const appointment = booked[0]!;
    expect(appointment.slot?.[0]?.reference).toBe(`Slot/${slotIds[0]}`);
    const ids = Object.fromEntries((appointment.identifier ?? []).map((i) => [i.system, i.value]));
    const links = appointmentLinks(
      {
        conversationId: ids['urn:baton:conversation']!,
        patientId: ids['urn:baton:patient']!,
        slotId: slotIds[0]!,
        appointmentId: appointment.id!,
        appointmentStart: appointment.start!,
        locale: 'en-GB',
        timeZone: 'Europe/Paris',
      },
      { publicUrl: server.url, secret: LINK_SECRET },
    );
    const linkPage = await browser.context.newPage();
    await linkPage.setViewportSize({ width: 1280, height: 720 });
    await linkPage.goto(links.rescheduleUrl);
    await linkPage.getByRole('heading', { name: 'Change your appointment' }).waitFor();
    expect(await linkPage.content()).not.toContain('Alex Martin');
    expect(await axeViolations(linkPage)).toEqual([]);
    await linkPage.screenshot({ path: '/tmp/hc-reschedule-page.png' });
    await linkPage.getByRole('radio').nth(1).check();
    await linkPage.getByRole('button', { name: 'Move my appointment' }).click();
    await linkPage.getByText('Your appointment is moved to', { exact: false }).waitFor();

    // The FHIR server: the old Appointment cancelled, a booked one on the picked slot.
    expect(await fhir.repo.readResource('Appointment', appointment.id!)).toMatchObject({
      status: 'cancelled',
    });
    const after = await fhir.repo.search({
      resourceType: 'Appointment',
      filters: [{ code: 'status', operator: 'eq' as never, value: 'booked' }],
    });
    const moved = (after.entry?.map((e) => e.resource!) ?? []) as Appointment[];
    expect(moved).toHaveLength(1);
    expect(moved[0]!.slot?.[0]?.reference).toBe(`Slot/${slotIds[2]}`);
    expect(await fhir.repo.readResource('Slot', slotIds[0]!)).toMatchObject({ status: 'free' });

    // The chat that is still open shows the new time (a later one than it showed before).
    const notice = page.locator('.handoff-notice', { hasText: 'Your appointment is booked' });
    await expect
      .poll(() => notice.textContent(), { timeout: 10_000, interval: 100 })
      .not.toBe(bookedText);
    expect(await notice.textContent()).not.toBe(bookedText);
    await page.screenshot({ path: '/tmp/hc-widget-moved.png' });
    expect(problems.filter((p) => !p.includes('Applying inline style violates'))).toEqual([]);
    await linkPage.close();
    await page.close();
  });
});

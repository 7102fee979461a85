import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { consoleAssetsDir } from '@baton/agent-console/assets';
import { urlTemplateCallProvider } from '@baton/handoff-server';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConsoleApp } from '../../packages/agent-console/scripts/build';
import { startServer, type TestServer } from '../../packages/agent-console/test/support/server';
import { type Browser, launchChromium, skipBrowserTests } from './support/chromium';
import { axeViolations, openPage } from './support/page';
import { type Portal, startPortal } from './support/portal-server';

// Issue #12 items 4 and 7 in real Chromium, on the built console served by the handoff
// server and the script-tag widget on a portal page: a new conversation raises the tab title
// count; the agent accepts, offers slots listed by the server, the patient books one in the
// widget and both see it; she starts a call (the server's call provider makes it), opens the
// transfer dialog (a colleague listed with presence and load) and wraps up with a
// disposition. Screenshots go to BATON_SCREENSHOT_DIR when set.

const shots = process.env.BATON_SCREENSHOT_DIR;

async function signIn(page: Page, username: string, password: string) {
  page.setDefaultTimeout(10_000);
  await page.getByLabel('User name').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText('Connected', { exact: true }).waitFor();
}

async function screenshot(page: Page, name: string) {
  if (!shots) return;
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

/** Retries an async check until it passes (bounded: 10 s). */
async function eventually(check: () => Promise<unknown>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

const inHours = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();

describe.skipIf(skipBrowserTests)('chat actions and desk alerts on the built console', () => {
  const secret = randomBytes(32).toString('hex');
  let browser: Browser;
  let portal: Portal;
  let server: TestServer;
  let colleagueBrowser: Browser;

  beforeAll(async () => {
    await buildConsoleApp();
    browser = await launchChromium();
    portal = await startPortal({}, { handoffTokenSecret: secret });
    server = await startServer(
      [
        {
          username: 'amelie',
          password: 'correct horse',
          displayName: 'Amelie Roux',
          roles: ['agent'],
          queues: ['general'],
        },
        {
          username: 'bruno',
          password: 'battery staple',
          displayName: 'Bruno Diaz',
          roles: ['agent'],
          queues: ['general'],
        },
      ],
      {
        allowedOrigins: ['*'],
        consoleDir: consoleAssetsDir(),
        patientTokens: { secret, issuer: 'baton-portal' },
        cookieSessions: {},
        followups: {
          callProvider: urlTemplateCallProvider({
            patientTemplate: 'https://meet.example.org/baton-{random}',
          }),
        },
      },
    );
    await server.server.engine.store.addSlots([
      { id: 'slot-a', startsAt: inHours(26), endsAt: inHours(26.5), label: 'Dr. Martin' },
      { id: 'slot-b', startsAt: inHours(50), endsAt: inHours(50.5), label: 'Dr. Martin' },
    ]);
    // A colleague on another computer (staff sessions are cookies).
    colleagueBrowser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await colleagueBrowser?.close();
    await browser?.close();
    await portal?.close();
    await server?.close();
  });

  it('title count → accept → slots booked in the widget → call → transfer list → wrap-up', async () => {
    const consolePage = await openPage(browser, `${server.url}/console/`);
    const page = consolePage.page;
    await signIn(page, 'amelie', 'correct horse');
    const colleaguePage = (await openPage(colleagueBrowser, `${server.url}/console/`)).page;
    await signIn(colleaguePage, 'bruno', 'battery staple');
    expect(await page.title()).not.toMatch(/^\(\d+\)/);

    const widget = await openPage(
      browser,
      portal.page('chat-actions', { data: { handoffServer: server.url } }),
    );
    const patientPage = widget.page;
    await patientPage.locator('button.launcher').click();
    await patientPage.getByText('Hello Sam!', { exact: false }).waitFor({ timeout: 15_000 });
    const input = patientPage.getByLabel('Your message');
    await input.fill('agent');
    await input.press('Enter');
    await Promise.race([
      patientPage
        .getByRole('button', { name: 'Yes, connect me' })
        .click({ timeout: 10_000 })
        .catch(() => {}),
      patientPage.locator('.handoff-status').waitFor({ timeout: 10_000 }),
    ]);

    // New work: the tab title counts it.
    await eventually(async () => expect(await page.title()).toMatch(/^\(1\) /));
    await screenshot(page, 'chat-actions-queued');
    await page.getByRole('button', { name: /^Accept conversation with/ }).click();
    await page.getByRole('heading', { name: /^Conversation with/ }).waitFor();
    await eventually(async () => expect(await page.title()).not.toMatch(/^\(\d+\)/));

    // Offer appointment: the server's free slots, soonest first.
    await page.getByRole('button', { name: 'Offer appointment' }).click();
    const slots = page.getByRole('dialog', { name: 'Offer appointment slots' });
    await slots.getByRole('checkbox').first().waitFor();
    expect(await slots.getByRole('checkbox').count()).toBe(2);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'chat-actions-slots');
    await slots.getByRole('button', { name: 'Offer selected slots (2)' }).click();

    // The patient picks one in the widget; both see the booking.
    const choice = patientPage.locator('.followup .choice').first();
    await choice.waitFor();
    await choice.click();
    await patientPage.getByRole('button', { name: 'Book this time' }).click();
    await patientPage.getByText('Your appointment is booked', { exact: false }).waitFor();
    await page.getByText('The patient booked an appointment').waitFor();
    expect(await server.server.engine.store.listBookings({})).toHaveLength(1);

    // Start a call: the server's call provider makes the meeting and offers the patient her link.
    const agentCall = page.context().waitForEvent('page');
    await page.getByRole('button', { name: 'Start a call' }).click();
    await (await agentCall).close();
    await patientPage.getByText('You are invited to a call.').waitFor();
    const link = patientPage.locator('a[href^="https://meet.example.org/baton-"]');
    await link.waitFor();

    // Consult: a staff-only thread; the colleague reads the conversation read-only.
    await page.getByRole('button', { name: 'Consult' }).click();
    const consult = page.getByRole('dialog', { name: 'Consult a colleague' });
    await consult.getByRole('radio', { name: 'Bruno Diaz' }).check();
    await consult
      .getByLabel('Your question (staff only, never sent to the patient)')
      .fill('Is a follow-up in two days soon enough?');
    await consult.getByRole('button', { name: 'Send' }).click();
    const inbox = colleaguePage.getByRole('region', { name: 'Consultations' });
    await inbox.getByText('Amelie Roux asks for your advice').waitFor();
    await inbox.getByText('Is a follow-up in two days soon enough?').waitFor();
    await inbox.getByRole('button', { name: 'Read the conversation' }).click();
    await inbox.getByText('Read-only: you were consulted about this conversation.').waitFor();
    // Nothing of her own open: the read-only view takes the workspace, not the 320 px column.
    expect(await colleaguePage.locator('.workspace > .consult-inbox').count()).toBe(1);
    expect((await inbox.boundingBox())?.width).toBeGreaterThan(600);
    // Live while the consultation lasts: what the patient says now reaches her read-only view.
    await input.fill('The swelling is back since this morning');
    await input.press('Enter');
    await inbox
      .locator('.consult-log')
      .getByText('The swelling is back since this morning')
      .waitFor();
    await inbox.getByLabel('Reply to Amelie Roux').fill('Yes, two days is fine.');
    await inbox.getByRole('button', { name: 'Send' }).click();
    const thread = page.getByRole('region', { name: /Consultation with Bruno Diaz/ });
    await thread.getByText('Yes, two days is fine.').waitFor();
    expect(await axeViolations(colleaguePage)).toEqual([]);
    await screenshot(colleaguePage, 'chat-actions-consulted');
    await screenshot(page, 'chat-actions-consult-thread');
    expect(await patientPage.content()).not.toContain('two days');

    // Transfer: a colleague who can take it, with presence and load.
    await page.getByRole('button', { name: 'Transfer' }).click();
    const transfer = page.getByRole('dialog', { name: 'Transfer the conversation' });
    const bruno = transfer.getByRole('radio', { name: 'Bruno Diaz' });
    await bruno.waitFor();
    expect(await transfer.textContent()).toContain('Available · 0 of 3 chats');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'chat-actions-transfer');
    await transfer.getByRole('button', { name: 'Cancel' }).click();

    // Wrap-up: disposition and summary, then the chat ends.
    await page.getByRole('button', { name: 'End conversation', exact: true }).click();
    const wrapUp = page.getByRole('dialog', { name: 'Wrap up and end' });
    await wrapUp.getByLabel('Disposition').selectOption('appointment_booked');
    await wrapUp.getByLabel('Summary (staff only)').fill('Booked a follow-up with Dr. Martin');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'chat-actions-wrap-up');
    await wrapUp.getByRole('button', { name: 'Confirm' }).click();
    await patientPage.locator('.handoff-status').waitFor();
    // The consulted colleague's read-only view says so (a status region announces it).
    await inbox
      .getByRole('status')
      .getByText('The conversation has ended. This read-only view no longer updates.')
      .waitFor();
    const conversationId = (await server.server.engine.store.listBookings({}))[0]!.conversationId;
    await eventually(async () =>
      expect(await server.server.engine.store.getWrapUp(conversationId)).toMatchObject({
        agentId: 'amelie',
        disposition: 'appointment_booked',
        summary: 'Booked a follow-up with Dr. Martin',
      }),
    );
    expect(consolePage.problems).toEqual([]);
    await page.close();
    await colleaguePage.close();
    await patientPage.close();
  }, 90_000);
});

import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { consoleAssetsDir } from '@baton/agent-console/assets';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConsoleApp } from '../../packages/agent-console/scripts/build';
import { startServer, type TestServer } from '../../packages/agent-console/test/support/server';
import { type Browser, launchChromium, skipBrowserTests } from './support/chromium';
import { axeViolations, openPage } from './support/page';
import { type Portal, startPortal } from './support/portal-server';

// Nobody is stranded, in real Chromium: no agent is online, so the patient in the script-tag
// widget is offered the fallback within seconds (not after the queue timeout) and leaves a
// message; an agent then signs in to the built console (served by the handoff server), finds
// the message on the Follow-ups screen, takes it, reads the conversation and closes it with
// an outcome note. Screenshots go to BATON_SCREENSHOT_DIR when set.

const UNSTAFFED_MS = 2000;
const shots = process.env.BATON_SCREENSHOT_DIR;

async function screenshot(page: Page, name: string) {
  if (!shots) return;
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

describe.skipIf(skipBrowserTests)('from an unanswered handoff to a closed follow-up', () => {
  const secret = randomBytes(32).toString('hex');
  let browser: Browser;
  let portal: Portal;
  let server: TestServer;

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
          username: 'sophie',
          password: 'tableau de bord',
          displayName: 'Sophie Martin',
          roles: ['supervisor'],
        },
      ],
      {
        // The portal page and the console (served by this server on its own origin).
        allowedOrigins: ['*'],
        consoleDir: consoleAssetsDir(),
        timeouts: { unstaffedFallbackMs: UNSTAFFED_MS },
        fallbacks: ['leave-message', 'callback', 'appointment'],
        patientTokens: { secret, issuer: 'baton-portal' },
        // Staff sign in through cookie sessions, as under baton-server.
        cookieSessions: {},
      },
    );
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await portal?.close();
    await server?.close();
  });

  it('offers the fallback within seconds, and the left message is found, taken and closed', async () => {
    const url = portal.page('handoff-worklist', { data: { handoffServer: server.url } });
    const widget = await openPage(browser, url);
    const patientPage = widget.page;
    await patientPage.locator('button.launcher').click();
    await patientPage.getByText('Hello Sam!', { exact: false }).waitFor({ timeout: 15_000 });
    const input = patientPage.getByLabel('Your message');
    await input.fill('agent');
    await input.press('Enter');
    const asked = Date.now();
    const confirm = patientPage.getByRole('button', { name: 'Yes, connect me' });
    await Promise.race([
      confirm.click({ timeout: 10_000 }).catch(() => {}),
      patientPage.locator('.handoff-status').waitFor({ timeout: 10_000 }),
    ]);
    const leave = patientPage.getByRole('button', { name: 'Leave a message' });
    await leave.waitFor({ timeout: 10_000 });
    const fallbackSeconds = (Date.now() - asked) / 1000;
    // Within the configured few seconds (plus the confirm step), never the queue timeout.
    expect(fallbackSeconds).toBeLessThan(UNSTAFFED_MS / 1000 + 5);
    await leave.click();
    await patientPage
      .locator('textarea[name=baton-leave-message]')
      .fill('Can I take my new pills with food?');
    await patientPage.locator('.followup form button[type=submit]').click();
    await patientPage.getByText('Thank you, we have your request.').waitFor({ timeout: 10_000 });
    // The banner no longer says nobody can take it: it says what happens next.
    await patientPage
      .locator('.handoff-status', { hasText: 'Your message was sent to our team' })
      .waitFor({ timeout: 10_000 });
    expect(await patientPage.locator('.handoff-status').textContent()).not.toContain(
      'No one can take',
    );
    await screenshot(patientPage, 'widget-fallback-left-message');

    const consolePage = await openPage(browser, `${server.url}/console/`);
    const page = consolePage.page;
    await page.getByLabel('User name').fill('amelie');
    await page.getByLabel('Password').fill('correct horse');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Connected', { exact: true }).waitFor();
    const tab = page.getByRole('button', { name: /^Follow-ups \(\d+\)$/ });
    await page.getByRole('button', { name: 'Follow-ups (1)' }).waitFor({ timeout: 10_000 });
    await tab.click();
    const item = page.locator('.followup', { hasText: 'Can I take my new pills with food?' });
    await item.waitFor();
    expect(await item.textContent()).toContain('Left a message');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'console-worklist-open');

    await item.getByRole('button', { name: /^Take the follow-up for/ }).click();
    await page.getByText('Taken by you').waitFor();
    const detail = page.getByRole('region', { name: /^Follow-up for/ });
    await detail.getByRole('list', { name: /^Chat with/ }).waitFor();
    const note = page.getByLabel('Outcome note');
    await note.fill('Called back: yes, with food. Booked a review next week.');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'console-worklist-claimed');
    // A supervisor reading French, on another computer (her own browser profile: staff
    // sessions are cookies), sees the item as taken, and can read the conversation.
    const otherComputer = await launchChromium();
    const french = await openPage(otherComputer, 'about:blank');
    await french.page.addInitScript(() => {
      Object.defineProperty(navigator, 'languages', { get: () => ['fr-FR', 'fr'] });
    });
    await french.page.goto(`${server.url}/console/`);
    await french.page.getByLabel('Nom d’utilisateur').fill('sophie');
    await french.page.getByLabel('Mot de passe').fill('tableau de bord');
    await french.page.getByRole('button', { name: 'Se connecter' }).click();
    await french.page.getByRole('button', { name: 'Suivis (1)' }).click();
    const taken = french.page.locator('.followup', { hasText: 'Pris par Amelie Roux' });
    await taken.waitFor();
    expect(await taken.textContent()).toContain('Message laissé');
    await taken.getByRole('button', { name: /^Voir le suivi de/ }).click();
    await french.page
      .getByRole('list', { name: /^Conversation avec|^Discussion avec|^Chat/ })
      .waitFor();
    expect(await french.page.getByText('Prenez ce suivi pour le clôturer.').count()).toBe(0);
    expect(await axeViolations(french.page)).toEqual([]);
    await screenshot(french.page, 'console-worklist-fr-supervisor');
    expect(french.problems).toEqual([]);
    await otherComputer.close();

    await page.getByRole('button', { name: 'Close follow-up' }).click();
    await page
      .getByText('Closed. Outcome: Called back: yes, with food. Booked a review next week.')
      .waitFor();
    await page.getByRole('button', { name: 'Follow-ups (0)' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'console-worklist-closed');

    const stored = await server.server.engine.store.listFollowUps();
    expect(stored.map((i) => [i.kind, i.status])).toEqual([
      ['failed', 'closed'], // superseded by the message the patient left
      ['message', 'closed'],
    ]);
    expect(stored[1]).toMatchObject({
      kind: 'message',
      status: 'closed',
      claimedBy: 'amelie',
      outcomeNote: 'Called back: yes, with food. Booked a review next week.',
    });
    expect(consolePage.problems).toEqual([]);
    await page.close();
    await patientPage.close();
  }, 60_000);
});

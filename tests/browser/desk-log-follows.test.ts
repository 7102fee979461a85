import { randomBytes } from 'node:crypto';
import { consoleAssetsDir } from '@baton/agent-console/assets';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConsoleApp } from '../../packages/agent-console/scripts/build';
import { startServer, type TestServer } from '../../packages/agent-console/test/support/server';
import { type Browser, launchChromium, skipBrowserTests } from './support/chromium';
import { openPage } from './support/page';
import { type Portal, startPortal } from './support/portal-server';

// The agent's chat log (built console, real Chromium, 1280x720) with more lines than its pane:
// at its end it follows the newest line, also when the window shrinks; scrolled up to read
// back, a patient's new line does not pull it down; the agent's own line does.

/** The log's scroll position, after two frames (resize observers and effects have run). */
const logAt = (page: Page) =>
  page.evaluate(async () => {
    for (let frame = 0; frame < 2; frame++) await new Promise(requestAnimationFrame);
    const log = document.querySelector('.chat-log') as HTMLElement;
    return {
      top: log.scrollTop,
      fromEnd: log.scrollHeight - log.scrollTop - log.clientHeight,
      scrolls: log.scrollHeight > log.clientHeight,
    };
  });

/** Whether the line holding `text` is whole inside the log's box, after two frames. */
const wholeInLog = (page: Page, text: string) =>
  page.evaluate(async (wanted) => {
    for (let frame = 0; frame < 2; frame++) await new Promise(requestAnimationFrame);
    const log = document.querySelector('.chat-log') as HTMLElement;
    const item = [...log.querySelectorAll('.chat-item')].find((li) =>
      li.textContent?.includes(wanted),
    );
    if (!item) throw new Error(`no line ${wanted}`);
    const box = log.getBoundingClientRect();
    const line = item.getBoundingClientRect();
    return line.top >= box.top - 1 && line.bottom <= box.bottom + 1;
  }, text);

describe.skipIf(skipBrowserTests)('the agent’s chat log follows the newest line (Chromium)', () => {
  const secret = randomBytes(32).toString('hex');
  let browser: Browser;
  let portal: Portal;
  let server: TestServer;

  beforeAll(async () => {
    await buildConsoleApp();
    browser = await launchChromium({ viewport: { width: 1280, height: 720 } });
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
      ],
      {
        allowedOrigins: ['*'],
        consoleDir: consoleAssetsDir(),
        patientTokens: { secret, issuer: 'baton-portal' },
        cookieSessions: {},
      },
    );
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await portal?.close();
    await server?.close();
  });

  it('at the end it follows; scrolled up it stays; the agent’s own line brings it down', {
    timeout: 120_000,
  }, async () => {
    const { page, problems } = await openPage(browser, `${server.url}/console/`);
    page.setDefaultTimeout(15_000);
    await page.getByLabel('User name').fill('amelie');
    await page.getByLabel('Password').fill('correct horse');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Connected', { exact: true }).waitFor();

    const patient = (
      await openPage(browser, portal.page('log-follows', { data: { handoffServer: server.url } }))
    ).page;
    await patient.locator('button.launcher').click();
    await patient.getByText('Hello Sam!', { exact: false }).waitFor({ timeout: 15_000 });
    const input = patient.getByLabel('Your message');
    const say = async (text: string) => {
      await input.fill(text);
      await input.press('Enter');
      await page.getByRole('log').getByText(text).waitFor();
    };
    await input.fill('agent');
    await input.press('Enter');
    await Promise.race([
      patient
        .getByRole('button', { name: 'Yes, connect me' })
        .click({ timeout: 10_000 })
        .catch(() => {}),
      patient.locator('.handoff-status').waitFor({ timeout: 10_000 }),
    ]);
    await page.getByRole('button', { name: /^Accept conversation with/ }).click();
    await page.getByRole('heading', { name: /^Conversation with/ }).waitFor();
    await patient.getByText('joined', { exact: false }).first().waitFor();
    for (let n = 1; n <= 16; n++) await say(`Question ${n} about my prescription renewal`);

    // Longer than its pane, at its end: each new line is shown whole.
    expect(await logAt(page)).toMatchObject({ scrolls: true });
    expect(await wholeInLog(page, 'Question 16 about')).toBe(true);
    await say('Question 17 about my prescription renewal');
    expect(await wholeInLog(page, 'Question 17 about')).toBe(true);

    // The window shrinks (no new line): the newest line is not left cut off.
    await page.setViewportSize({ width: 1280, height: 600 });
    await page.waitForFunction(() => innerHeight === 600);
    expect((await logAt(page)).fromEnd).toBeLessThan(2);
    expect(await wholeInLog(page, 'Question 17 about')).toBe(true);
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.waitForFunction(() => innerHeight === 720);
    expect(await wholeInLog(page, 'Question 17 about')).toBe(true);

    // Scrolled up to read back: the patient's next line arrives, the log stays where it was.
    await page.locator('.chat-log').evaluate((log) => {
      log.scrollTop = 0;
    });
    await page.waitForFunction(() => document.querySelector('.chat-log')?.scrollTop === 0);
    await say('Question 18 about my prescription renewal');
    expect((await logAt(page)).top).toBe(0);
    expect(await wholeInLog(page, 'Question 18 about')).toBe(false);

    // Her own answer, still scrolled up: the log comes to its end to show it.
    const composer = page.getByLabel('Message to the patient');
    await composer.fill('Your renewal is ready at the pharmacy.');
    await composer.press('Enter');
    await page.getByRole('log').getByText('Your renewal is ready').waitFor();
    expect((await logAt(page)).fromEnd).toBeLessThan(2);
    expect(await wholeInLog(page, 'Your renewal is ready')).toBe(true);
    expect(problems).toEqual([]);
  });
});

import { randomBytes } from 'node:crypto';
import { consoleAssetsDir } from '@baton/agent-console/assets';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConsoleApp } from '../../packages/agent-console/scripts/build';
import { startServer, type TestServer } from '../../packages/agent-console/test/support/server';
import { type Browser, launchChromium, skipBrowserTests } from './support/chromium';
import { axeViolations, openPage } from './support/page';
import { type Portal, startPortal } from './support/portal-server';

// The agent desk as one screen on a laptop and wider (built console, real Chromium): the page
// does not scroll; the header, the composer with Send and the conversation's actions stay in
// view while a long chat scrolls inside its log, as in Omnichannel or Chatwoot.

/**
 * Where the desk's parts are, in CSS pixels of the viewport, once the page has rendered two
 * frames (the log's resize observer keeps it at its end before a frame is painted).
 */
const layout = (page: Page) =>
  page.evaluate(async () => {
    for (let frame = 0; frame < 2; frame++) await new Promise(requestAnimationFrame);
    const box = (selector: string) => {
      const el = document.querySelector(selector);
      if (!el) throw new Error(`missing ${selector}`);
      const { top, bottom } = el.getBoundingClientRect();
      return { top, bottom };
    };
    const log = document.querySelector('.chat-log') as HTMLElement;
    return {
      viewport: innerHeight,
      pageScrolls: document.documentElement.scrollHeight > innerHeight,
      header: box('.topbar'),
      log: box('.chat-log'),
      logScrolls: log.scrollHeight > log.clientHeight,
      composer: box('.conversation-main .composer textarea'),
      send: box('.conversation-main .composer button[type=submit]'),
      actions: box('.conversation-main .actions'),
      side: box('.conversation-side'),
    };
  });

describe.skipIf(skipBrowserTests)('the agent desk holds in one screen (Chromium)', () => {
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

  it('1280x720, 1366x768, 1920x1080: header, log, composer and side panel each in view', {
    timeout: 120_000,
  }, async () => {
    const { page, problems } = await openPage(browser, `${server.url}/console/`);
    page.setDefaultTimeout(15_000);
    await page.getByLabel('User name').fill('amelie');
    await page.getByLabel('Password').fill('correct horse');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Connected', { exact: true }).waitFor();

    const patient = (
      await openPage(browser, portal.page('desk-layout', { data: { handoffServer: server.url } }))
    ).page;
    await patient.locator('button.launcher').click();
    await patient.getByText('Hello Sam!', { exact: false }).waitFor({ timeout: 15_000 });
    const input = patient.getByLabel('Your message');
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
    for (let n = 1; n <= 14; n++) {
      await input.fill(`Question ${n} about my prescription renewal at the pharmacy`);
      await input.press('Enter');
    }
    await page.getByRole('log').getByText('Question 14 about', { exact: false }).waitFor();

    for (const [width, height] of [
      [1280, 720],
      [1920, 1080],
      [1366, 768],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.getByLabel('Message to the patient').focus();
      const at = await layout(page);
      expect(at.pageScrolls, `${width}x${height}`).toBe(false);
      expect(at.header.top).toBeGreaterThanOrEqual(0);
      // The log scrolls on its own, above the composer; Send and the actions are on screen.
      expect(at.logScrolls, `${width}x${height}`).toBe(true);
      expect(at.log.bottom).toBeLessThanOrEqual(at.composer.top);
      expect(at.log.bottom - at.log.top).toBeGreaterThanOrEqual(150);
      for (const part of [at.composer, at.send, at.actions, at.side])
        expect(part.bottom, `${width}x${height}`).toBeLessThanOrEqual(at.viewport);
      expect(at.actions.top).toBeGreaterThanOrEqual(at.header.bottom);
      // The newest message stays whole in view as the log changes size (not cut off).
      const newest = await page.getByRole('log').getByText('Question 14 about').boundingBox();
      expect((newest?.y ?? 0) + (newest?.height ?? 0)).toBeLessThanOrEqual(at.log.bottom);
      expect(newest?.y ?? 0).toBeGreaterThanOrEqual(at.log.top);
    }

    // At 1280x720, typing `/` opens the canned responses over the log: the log keeps its
    // height, the composer stays where it was, the picker sits above it, wholly on screen.
    await page.setViewportSize({ width: 1280, height: 720 });
    const composer = page.getByLabel('Message to the patient');
    await composer.focus();
    const before = await layout(page);
    await composer.fill('/');
    // (This server has no canned responses: the picker says so, at the same place.)
    const picker = page.locator('.composer .canned-picker');
    await picker.waitFor();
    const during = await layout(page);
    expect(during.log).toEqual(before.log);
    expect(during.composer).toEqual(before.composer);
    const list = await picker.boundingBox();
    expect((list?.y ?? 0) + (list?.height ?? 0)).toBeLessThanOrEqual(during.composer.top);
    expect(list?.y ?? -1).toBeGreaterThanOrEqual(during.log.top);
    await composer.press('Escape');
    await composer.fill('');

    // The side panel's Assist tabs (Script, Knowledge, Macros) each whole inside the panel.
    await page.getByRole('tab', { name: 'Assist' }).click();
    const side = await page.locator('.conversation-side').boundingBox();
    const tabs = page.locator('.conversation-side [role=tablist] [role=tab]');
    expect(await tabs.count()).toBeGreaterThanOrEqual(4);
    for (const tab of await tabs.all()) {
      const box = await tab.boundingBox();
      expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(
        (side?.x ?? 0) + (side?.width ?? 0),
      );
    }
    expect(problems).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
  });
});

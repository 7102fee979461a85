import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNpmPortal } from '../../examples/npm-portal/server';
import { startScriptTagPortal } from '../../examples/script-tag/server';
import { type Browser, launchChromium, skipBrowserTests } from './support/chromium';
import { openPage } from './support/page';

// The two example portals, end to end in Chromium, each under the strict CSP.

describe.skipIf(skipBrowserTests)('example portals in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('npm portal: its own button opens the widget, and its CSS cannot reach in', {
    timeout: 60_000,
  }, async () => {
    const portal = await startNpmPortal();
    try {
      const { page, problems, violations } = await openPage(browser, portal.url);
      const launcher = page.locator('button.launcher');
      await launcher.waitFor();
      // the portal styles every button red, 40px, Comic Sans: not the widget's
      const style = await launcher.evaluate((el) => {
        const s = getComputedStyle(el);
        return {
          fontSize: s.fontSize,
          color: s.color,
          font: s.fontFamily,
          background: s.backgroundColor,
        };
      });
      expect(style.fontSize).toBe('16px');
      expect(style.color).not.toBe('rgb(255, 0, 0)');
      expect(style.font).toContain('Georgia');
      expect(style.background).toBe('rgb(29, 92, 58)'); // theme.primary from the options
      await page.locator('#contact-us').click();
      await page.getByText('Hello Jordan!', { exact: false }).waitFor({ timeout: 15_000 });
      await expect.poll(() => page.evaluate(() => document.body.dataset.chatReady)).toBe('yes');
      await page.locator('textarea').fill('I want to talk to a person');
      await page.keyboard.press('Enter');
      // the widget would ask first, but the bot hands off by itself (handoff.initiate)
      await expect
        .poll(() => page.evaluate(() => document.body.dataset.escalated), { timeout: 10_000 })
        .toMatch(/^bot-initiated:routine:\d+$/);
      expect(await page.getByRole('button', { name: 'Yes, connect me' }).count()).toBe(0);
      expect(Number(await page.evaluate(() => document.body.dataset.chatMessages))).toBeGreaterThan(
        1,
      );
      expect(await violations()).toEqual([]);
      expect(problems).toEqual([]);
      await page.close();
    } finally {
      await portal.close();
    }
  });

  it('script-tag portal: the host page opens the chat through the command queue', async () => {
    const portal = await startScriptTagPortal();
    try {
      const { page, problems, violations } = await openPage(browser, portal.url);
      await page.locator('button.launcher').waitFor();
      await page.locator('#need-help').click();
      await page.getByText('Hello Alex!', { exact: false }).waitFor({ timeout: 15_000 });
      await page.locator('textarea').fill('I have chest pain');
      await page.keyboard.press('Enter');
      await expect
        .poll(() => page.evaluate(() => document.body.dataset.escalated), { timeout: 10_000 })
        .toBe('emergency');
      expect(await violations()).toEqual([]);
      expect(problems).toEqual([]);
      await page.close();
    } finally {
      await portal.close();
    }
  });
});

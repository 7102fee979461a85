import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, launchChromium, skipBrowserTests } from './support/chromium';
import { axeViolations, openPage } from './support/page';
import { type Portal, startPortal } from './support/portal-server';

// The patient's widget fixes of issue 15 as a patient meets them in Chromium at 1280x720:
// cards at the panel's width and scrolled into view, the open panel and each message's time
// kept over a reload, the locale from the page or the browser with a language menu, RTL.
// Screenshots go to BATON_SCREENSHOT_DIR, else tests/browser/artifacts/widget (git-ignored).

const shots = process.env.BATON_SCREENSHOT_DIR ?? join(__dirname, 'artifacts', 'widget');

async function screenshot(page: Page, name: string) {
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: join(shots, `${name}.png`) });
}

describe.skipIf(skipBrowserTests)('the patient widget journeys (issue 15)', () => {
  let browser: Browser;
  let portal: Portal;

  beforeAll(async () => {
    browser = await launchChromium({ viewport: { width: 1280, height: 720 } });
    portal = await startPortal();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await portal?.close();
  });

  it('an Adaptive Card takes the panel width, inputs at its start, scrolled into view', async () => {
    const { page, problems } = await openPage(browser, portal.page('cards', {}));
    await page.locator('button.launcher').click();
    await page.getByText('Hello Sam!', { exact: false }).waitFor({ timeout: 15_000 });
    await page.getByRole('textbox', { name: 'Your message' }).fill('show cards');
    await page.getByRole('button', { name: 'Send' }).click();
    const age = page.getByRole('spinbutton', { name: 'Age' });
    await age.waitFor({ timeout: 10_000 });
    const geometry = () =>
      page.evaluate(() => {
        const root = document.querySelector('[data-baton]')?.shadowRoot;
        const rect = (selector: string) => {
          const el = root?.querySelector(selector);
          const box = el?.getBoundingClientRect();
          return box
            ? { left: box.left, top: box.top, width: box.width, height: box.height }
            : null;
        };
        const log = root?.querySelector('.log') as HTMLElement;
        return {
          log: rect('.log'),
          card: rect('.ac'),
          input: rect('.ac input'),
          newest: (root?.querySelector('.log > :last-child') as HTMLElement).getBoundingClientRect()
            .bottom,
          scrolled: log.scrollTop,
        };
      });
    await expect.poll(async () => (await geometry()).scrolled).toBeGreaterThan(0);
    await screenshot(page, 'widget-adaptive-card-width');
    const { log, card, input, newest } = await geometry();
    if (!log || !card || !input) throw new Error('no card on screen');
    // The log's content box is the log minus its padding (12 px each side) and a scrollbar.
    expect(card.width).toBeGreaterThan(log.width - 60);
    expect(input.left - card.left).toBeLessThan(30);
    expect(input.width).toBeGreaterThan(card.width - 60);
    // The newest message (the bot's question after the card) is in view.
    expect(newest).toBeLessThanOrEqual(log.top + log.height + 1);
    expect(problems).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});

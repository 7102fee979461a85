import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, launchChromium, skipBrowserTests } from './support/chromium';
import { axeViolations, openPage } from './support/page';
import { type Portal, startPortal } from './support/portal-server';

// Hostile content in real Chromium: 100,000-character messages and a card TextBlock that
// the old quadratic markdown patterns took seconds to render (on every re-render).

describe.skipIf(skipBrowserTests)('widget with heavy hostile content in Chromium', () => {
  let browser: Browser;
  let portal: Portal;

  beforeAll(async () => {
    browser = await launchChromium();
    portal = await startPortal();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await portal?.close();
  });

  it('renders them bounded, keeps the page responsive, and links without trailing markup', async () => {
    const { page, problems } = await openPage(browser, portal.page('heavy', {}));
    await page.evaluate(() => {
      const w = window as unknown as { __longest: number };
      w.__longest = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) w.__longest = Math.max(w.__longest, entry.duration);
      }).observe({ type: 'longtask', buffered: false });
    });
    await page.locator('button.launcher').click();
    await page.getByText('Hello Sam!', { exact: false }).waitFor({ timeout: 15_000 });
    await page.locator('textarea').fill('heavy');
    await page.keyboard.press('Enter');
    await page.getByText('end of heavy payloads').waitFor({ timeout: 20_000 });
    // More state changes re-render every message: typing in the composer.
    await page.locator('textarea').fill('still responsive');
    await page.keyboard.press('Enter');
    await page.locator('.msg.patient', { hasText: 'still responsive' }).waitFor();
    const report = await page.evaluate(() => {
      const root = (document.querySelector('[data-baton]') as HTMLElement).shadowRoot as ShadowRoot;
      const bot = [...root.querySelectorAll('.msg.bot')].map((el) => el.textContent?.length ?? 0);
      return {
        longest: (window as unknown as { __longest: number }).__longest,
        longestMessage: Math.max(...bot),
        hrefs: [...root.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')),
      };
    });
    // Each message is cut at 20,000 characters (plus its labels).
    expect(report.longestMessage).toBeLessThan(21_000);
    expect(report.hrefs).toContain('https://example.org/heavy');
    expect(report.hrefs.some((href) => href?.includes('"') || href?.includes('>'))).toBe(false);
    // The old patterns blocked the main thread for seconds; linear ones take milliseconds.
    expect(report.longest).toBeLessThan(1000);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('counts down the last characters the composer takes, in a status region, axe-clean', async () => {
    const { page, problems } = await openPage(browser, portal.page('count', {}));
    await page.locator('button.launcher').click();
    await page.getByText('Hello Sam!', { exact: false }).waitFor({ timeout: 15_000 });
    await page.locator('textarea').fill('x'.repeat(1950));
    const status = page.locator('#baton-count');
    await status.waitFor();
    expect(await status.textContent()).toBe('50 characters left');
    expect(await page.locator('textarea').getAttribute('aria-describedby')).toBe('baton-count');
    await page.locator('textarea').fill('x'.repeat(5000)); // a paste longer than the limit
    expect(await page.locator('textarea').inputValue()).toHaveLength(2000);
    expect(await status.textContent()).toBe('0 characters left');
    expect(problems).toEqual([]); // (axe itself applies inline styles the CSP reports)
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});

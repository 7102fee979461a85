import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, launchChromium, skipBrowserTests } from './support/chromium';
import { openPage } from './support/page';
import { type Portal, startPortal } from './support/portal-server';

// The host's launcher label (`data-launcher-label`, or `launcherLabel` per language) as a
// patient meets it across a reload: the loader's launcher (drawn before the widget loads) says
// what the widget's launcher says, in the language the patient picked in the chat.
const launcherText = (page: Page) => page.locator('button.launcher').textContent();

/** Open the chat, pick `language` in its menu, minimise it: the widget's launcher text. */
async function pickAndMinimise(page: Page, language: string, minimise: string) {
  await page.locator('button.launcher').click();
  await page.getByText('Hello Sam!', { exact: false }).waitFor({ timeout: 15_000 });
  await page.getByRole('combobox', { name: 'Language' }).selectOption(language);
  await page.getByRole('button', { name: minimise }).click();
  await page.locator('button.launcher[aria-expanded="false"]').waitFor();
  return launcherText(page);
}

describe.skipIf(skipBrowserTests)('the host’s launcher label across a reload', () => {
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

  it('one host string (the page’s language): Español picked, the reloaded launcher is Spanish', async () => {
    const { page, problems } = await openPage(
      browser,
      portal.page('label-string', { data: { launcherLabel: 'Ask Riverside' } }),
    );
    expect(await launcherText(page)).toBe('Ask Riverside');
    const widget = await pickAndMinimise(page, 'es', 'Minimizar el chat');
    expect(widget).toBe('Chatee con nosotros'); // the host wrote its label in English only
    await page.reload();
    await page.locator('button.launcher').waitFor();
    // The loader draws it (the widget is not loaded until the chat opens).
    expect(await page.evaluate(() => Boolean(document.querySelector('#baton-panel')))).toBe(false);
    expect(await launcherText(page)).toBe(widget);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('one host label per language: the reloaded launcher has the host’s Spanish words', async () => {
    const label = { en: 'Ask Riverside', es: 'Pregunte a Riverside' };
    const { page, problems } = await openPage(
      browser,
      portal.page('label-object', { init: { launcherLabel: label } }),
    );
    expect(await launcherText(page)).toBe('Ask Riverside');
    const widget = await pickAndMinimise(page, 'es', 'Minimizar el chat');
    expect(widget).toBe('Pregunte a Riverside');
    await page.reload();
    await page.locator('button.launcher').waitFor();
    expect(await launcherText(page)).toBe(widget);
    expect(problems).toEqual([]);
    await page.close();
  });
});

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoBot, startDemoBot } from '../../scripts/demo-bot';
import { type DemoPortal, startDemoPortal } from '../../scripts/demo-portal/server';
import { type Browser, launchChromium, skipBrowserTests } from './support/chromium';
import { axeViolations, openPage } from './support/page';

// The demo portal as a patient meets it at 1280x720: the chat's chrome (title, launcher, close
// button, composer, language menu) follows the language picked in the chat, at once and after
// a reload; the launcher says what it does while the panel is open.
const chrome = (page: Page) =>
  page.evaluate(() => {
    const root = document.querySelector('[data-baton]')?.shadowRoot;
    const launcher = root?.querySelector('button.launcher');
    return {
      title: root?.querySelector('#baton-title')?.textContent,
      launcher: launcher?.textContent,
      expanded: launcher?.getAttribute('aria-expanded'),
      launcherLang: launcher?.getAttribute('lang'),
      placeholder: root?.querySelector('textarea')?.getAttribute('placeholder'),
    };
  });

describe.skipIf(skipBrowserTests)(
  'the chat’s chrome in the patient’s language (demo portal)',
  () => {
    let bot: DemoBot;
    let portal: DemoPortal;
    let browser: Browser;

    beforeAll(async () => {
      bot = await startDemoBot(
        {},
        (name) => `chrome-language-test-${name}-secret-of-32-bytes-or-more`,
      ); // its own emulator
      portal = await startDemoPortal({ bot, cookieSecret: 'chrome-language-test-cookie-secret' });
      browser = await launchChromium({ viewport: { width: 1280, height: 720 } });
    }, 120_000);

    afterAll(async () => {
      await browser?.close();
      await portal?.close();
      await bot?.close();
    });

    it('Español in the chat: title, launcher, buttons and composer in Spanish, also after a reload', {
      timeout: 90_000,
    }, async () => {
      const { page, problems } = await openPage(browser, portal.url);
      const launcher = page.locator('button.launcher');
      await launcher.click();
      await page.getByText('What can I help you with?').waitFor({ timeout: 20_000 });
      expect(await chrome(page)).toMatchObject({
        title: 'Riverside assistant',
        launcher: 'Minimise chat',
        expanded: 'true',
      });

      await page.getByRole('combobox', { name: 'Language' }).selectOption('es');
      await page.getByRole('dialog', { name: 'Asistente Riverside' }).waitFor();
      expect(await chrome(page)).toEqual({
        title: 'Asistente Riverside',
        launcher: 'Minimizar el chat',
        expanded: 'true',
        launcherLang: 'es',
        placeholder: 'Escriba su mensaje',
      });
      await page.getByRole('button', { name: 'Cerrar el chat' }).waitFor();
      await page.getByRole('button', { name: 'Enviar' }).waitFor();

      // Minimised from the launcher: it says it opens the chat again, in Spanish, collapsed.
      await page.getByRole('button', { name: 'Minimizar el chat' }).click();
      await page.getByRole('button', { name: 'Chatee con nosotros', expanded: false }).waitFor();
      expect(await page.getByRole('dialog').count()).toBe(0);

      // Opened again and reloaded: the panel comes back open, every word Spanish.
      await launcher.click();
      await page.getByRole('dialog', { name: 'Asistente Riverside' }).waitFor();
      await page.reload();
      await page.getByRole('dialog', { name: 'Asistente Riverside' }).waitFor({ timeout: 20_000 });
      await page.getByRole('combobox', { name: 'Idioma' }).waitFor();
      expect(await chrome(page)).toMatchObject({
        title: 'Asistente Riverside',
        launcher: 'Minimizar el chat',
        expanded: 'true',
        placeholder: 'Escriba su mensaje',
      });

      // Français: the portal's own French title.
      await page.getByRole('combobox', { name: 'Idioma' }).selectOption('fr');
      await page.getByRole('dialog', { name: 'Assistant Riverside' }).waitFor();
      expect(await chrome(page)).toMatchObject({
        launcher: 'Réduire la discussion',
        placeholder: 'Écrivez votre message',
      });
      expect(problems).toEqual([]);
      expect(await axeViolations(page)).toEqual([]); // (axe itself sets inline styles: last)
      await page.close();
    });
  },
);

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type DirectLineEmulator, startDirectLineEmulator } from '@baton/directline-emulator';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoBot, startDemoBot } from '../../scripts/demo-bot';
import { DEMO_PATIENT_NAMES } from '../../scripts/demo-portal/patients';
import { type DemoPortal, startDemoPortal } from '../../scripts/demo-portal/server';
import { type Browser, launchChromium, skipBrowserTests } from './support/chromium';
import { axeViolations, openPage } from './support/page';

// The demo's patient portal (npm start) in Chromium, wired as with BATON_DIRECTLINE_SECRET:
// an emulator holding a secret of its own stands in for Azure, so the portal reaches the bot
// only if the demo passed that secret and domain through. Screenshots of each page at a
// laptop and a phone size go to BATON_SCREENSHOTS_DIR when it is set.
const AZURE_STAND_IN_SECRET = 'stand-in-for-an-azure-direct-line-secret';
const HEALTHBOT_JWT_SECRET = 'stand-in-for-the-health-bot-api-jwt-secret';
const shots = process.env.BATON_SCREENSHOTS_DIR;

async function shot(page: Page, name: string) {
  if (!shots) return;
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: join(shots, `demo-portal-${name}.png`), fullPage: true });
}

describe.skipIf(skipBrowserTests)(
  'the demo portal in Chromium, against a real Direct Line bot',
  () => {
    let emulator: DirectLineEmulator;
    let bot: DemoBot;
    let portal: DemoPortal;
    const browsers: Browser[] = [];

    beforeAll(async () => {
      emulator = await startDirectLineEmulator({
        secret: AZURE_STAND_IN_SECRET,
        patientTokenKey: HEALTHBOT_JWT_SECRET,
      });
      bot = await startDemoBot(
        {
          BATON_DIRECTLINE_SECRET: AZURE_STAND_IN_SECRET,
          BATON_DIRECTLINE_DOMAIN: `${emulator.url}/v3/directline/`,
          BATON_HEALTHBOT_JWT_SECRET: HEALTHBOT_JWT_SECRET,
        },
        () => 'unused: every secret came from the environment',
      );
      portal = await startDemoPortal({ bot, cookieSecret: 'demo-portal-test-cookie-secret' });
    }, 120_000);

    afterAll(async () => {
      for (const browser of browsers) await browser.close();
      await portal?.close();
      await bot?.close();
      await emulator?.close();
    });

    it('uses the secret and domain it was given, and no emulator of its own', () => {
      expect(bot.kind).toBe('direct-line');
      expect(bot.directLineDomain).toBe(`${emulator.url}/v3/directline`);
      expect(bot.serverEndpoint).toBe(emulator.url);
      expect(bot.patientTokenSecret).toBe(HEALTHBOT_JWT_SECRET);
    });

    it('home page at 1366x850: branded, axe-clean, and the bot greets this browser’s patient', {
      timeout: 60_000,
    }, async () => {
      const browser = await launchChromium({ viewport: { width: 1366, height: 850 } });
      browsers.push(browser);
      const { page, problems, violations } = await openPage(browser, portal.url);
      const name = (await page.locator('[data-patient-name]').textContent()) ?? '';
      expect(DEMO_PATIENT_NAMES).toContain(name);
      await expect(page.getByRole('navigation', { name: 'Main' })).toBeTruthy();
      expect(await page.locator('nav a[aria-current="page"]').textContent()).toBe('Home');
      // The portal's stylesheet applies under the strict CSP (nonce on the link).
      expect(await page.locator('nav').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(
        'rgb(13, 92, 99)',
      );
      await page.locator('button.launcher').waitFor();
      await shot(page, 'home-1366');
      await page.getByRole('button', { name: 'Ask the assistant' }).click();
      await page.getByText(`Hello ${name}!`, { exact: false }).waitFor({ timeout: 20_000 });
      await shot(page, 'home-chat-1366');
      expect(await violations()).toEqual([]);
      expect(problems).toEqual([]);
      expect(await axeViolations(page)).toEqual([]);
      await page.close();
    });

    it('appointments page: the button books through the assistant', {
      timeout: 60_000,
    }, async () => {
      const browser = browsers[0]!;
      const { page, problems } = await openPage(browser, `${portal.url}appointments`);
      expect(await page.locator('nav a[aria-current="page"]').textContent()).toBe('Appointments');
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Appointments');
      await shot(page, 'appointments-1366');
      expect(problems).toEqual([]);
      expect(await axeViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Book with the assistant' }).click();
      await page.getByRole('log').waitFor();
      await page.close();
    });

    it('at 1280x720 the open chat leaves the header usable: language link, patient, navigation (en, fr)', {
      timeout: 60_000,
    }, async () => {
      const browser = await launchChromium({ viewport: { width: 1280, height: 720 } });
      browsers.push(browser);
      for (const [path, greeting, other] of [
        ['', 'Hello', 'Français'],
        ['fr/', 'Bonjour', 'English'],
      ] as const) {
        const { page, problems } = await openPage(browser, `${portal.url}${path}`);
        await page.locator('button.launcher').click();
        await page.getByText(greeting, { exact: false }).first().waitFor({ timeout: 20_000 });
        const panel = await page.locator('section.panel').boundingBox();
        expect(panel?.height).toBeGreaterThanOrEqual(400);
        for (const target of [
          page.getByRole('link', { name: other }),
          page.locator('[data-patient-name]'),
          page.locator('header.top nav'),
        ]) {
          const box = await target.boundingBox();
          // Entirely above the panel: nothing of the header is under it.
          expect((box?.y ?? 0) + (box?.height ?? 0)).toBeLessThanOrEqual(panel?.y ?? 0);
        }
        // The language link still works with the chat open.
        await page.getByRole('link', { name: other }).click();
        await page.waitForURL(path ? portal.url : `${portal.url}fr/`);
        await shot(page, `${path ? 'fr' : 'en'}-chat-open-1280`);
        expect(problems).toEqual([]);
        await page.close();
      }
    });

    it('a patient who picks Español in the chat gets the bot’s next answers in Spanish', {
      timeout: 60_000,
    }, async () => {
      const browser = await launchChromium({ viewport: { width: 1280, height: 720 } });
      browsers.push(browser);
      const { page, problems } = await openPage(browser, portal.url);
      await page.locator('button.launcher').click();
      await page.getByText('What can I help you with?').waitFor({ timeout: 20_000 });
      await page.getByRole('combobox', { name: 'Language' }).selectOption('es');
      // The widget's own words first, then the bot's: each message carries the chat's locale.
      const input = page.getByLabel('Su mensaje');
      await input.fill('morado');
      await input.press('Enter');
      await page
        .locator('.msg.bot', { hasText: 'Lo siento, no le he entendido' })
        .waitFor({ timeout: 15_000 });
      await input.fill('quiero una cita');
      await input.press('Enter');
      await page.locator('.msg.bot', { hasText: 'Reservar una cita' }).waitFor({ timeout: 15_000 });
      await shot(page, 'es-chat-1280');
      // And back to English: the next answer is English again.
      await page.getByRole('combobox', { name: 'Idioma' }).selectOption('en');
      const english = page.getByLabel('Your message');
      await english.fill('purple');
      await english.press('Enter');
      await page
        .locator('.msg.bot', { hasText: "I'm sorry, I didn't understand that." })
        .waitFor({ timeout: 15_000 });
      expect(problems).toEqual([]);
      await page.close();
    });

    it('/fr/ on a phone (390x844): French page, French widget, French bot, another patient', {
      timeout: 60_000,
    }, async () => {
      const browser = await launchChromium({ viewport: { width: 390, height: 844 } });
      browsers.push(browser);
      const { page, problems, violations } = await openPage(browser, `${portal.url}fr/`);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
      const name = (await page.locator('[data-patient-name]').textContent()) ?? '';
      expect(DEMO_PATIENT_NAMES).toContain(name);
      // Each browser holds its own patient: the cookies of the two browsers differ.
      const [first] = await browsers[0]!.context.cookies(portal.url);
      const [second] = await browser.context.cookies(portal.url);
      expect(first?.httpOnly).toBe(true);
      expect(second?.value).toBeTruthy();
      expect(second?.value).not.toBe(first?.value);
      // Nothing wider than the phone.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        390,
      );
      const launcher = page.locator('button.launcher');
      await launcher.waitFor();
      expect(await launcher.textContent()).not.toBe('Chat with us');
      await shot(page, 'fr-home-390');
      await page.getByRole('button', { name: 'Poser une question' }).click();
      await page.getByText(`Bonjour ${name}`, { exact: false }).waitFor({ timeout: 20_000 });
      await shot(page, 'fr-home-chat-390');
      expect(await violations()).toEqual([]);
      expect(problems).toEqual([]);
      expect(await axeViolations(page)).toEqual([]);
      await page.close();
      const appointments = await openPage(browser, `${portal.url}fr/rendez-vous`);
      const heading = appointments.page.getByRole('heading', { level: 1 });
      expect(await heading.textContent()).toBe('Rendez-vous');
      const width = await appointments.page.evaluate(() => document.documentElement.scrollWidth);
      expect(width).toBeLessThanOrEqual(390);
      await shot(appointments.page, 'fr-appointments-390');
      expect(appointments.problems).toEqual([]);
      expect(await axeViolations(appointments.page)).toEqual([]);
      await appointments.page.close();
    });
  },
);

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
import { samplePdf, samplePng } from './support/sample-files';

// Issue #12 items 6 and 9: one agent's day in real Chromium, on the built console the
// handoff server serves and the script-tag widget on a portal page. Sign in, accept, the
// patient attaches a photo from the widget (the agent sees it inline), a canned response by
// shortcut, a knowledge link from the Assist tab, the agent sends a PDF (the patient gets a
// download), the transfer list, wrap-up. Screenshots go to BATON_SCREENSHOT_DIR when set.

const shots = process.env.BATON_SCREENSHOT_DIR;

async function screenshot(page: Page, name: string) {
  if (!shots) return;
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

async function signIn(page: Page, username: string, password: string) {
  page.setDefaultTimeout(10_000);
  await page.getByLabel('User name').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText('Connected', { exact: true }).waitFor();
}

describe.skipIf(skipBrowserTests)("an agent's day on the built console (Chromium)", () => {
  const secret = randomBytes(32).toString('hex');
  let browser: Browser;
  let colleagueBrowser: Browser;
  let portal: Portal;
  let server: TestServer;

  beforeAll(async () => {
    await buildConsoleApp();
    browser = await launchChromium();
    colleagueBrowser = await launchChromium();
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
        {
          username: 'sam',
          password: 'tableau de bord',
          displayName: 'Sam Okafor',
          roles: ['agent', 'supervisor'],
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
    const store = server.server.engine.store;
    const none = { steps: null, actions: null, tags: [] as string[], link: null };
    await store.createContent({
      ...none,
      id: 'greeting',
      kind: 'canned',
      queue: null,
      title: 'Greeting',
      shortcut: 'hello',
      body: 'Hello {patient.firstName}, I am {agent.name}.',
      updatedBy: 'seed',
    });
    await store.createContent({
      ...none,
      id: 'parking',
      kind: 'article',
      queue: null,
      title: 'Getting to the hospital',
      shortcut: null,
      body: 'Visitor parking is in car park B.',
      tags: ['parking'],
      link: 'https://example.org/visit',
      updatedBy: 'seed',
    });
  }, 120_000);

  afterAll(async () => {
    await colleagueBrowser?.close();
    await browser?.close();
    await portal?.close();
    await server?.close();
  });

  it('sign in → accept → patient photo → canned → knowledge → PDF → transfer list → wrap-up', async () => {
    const consolePage = await openPage(browser, `${server.url}/console/`);
    const page = consolePage.page;
    await page.setViewportSize({ width: 1280, height: 720 });
    await signIn(page, 'amelie', 'correct horse');
    const colleague = (await openPage(colleagueBrowser, `${server.url}/console/`)).page;
    await signIn(colleague, 'bruno', 'battery staple');
    await screenshot(page, 'day-1-signed-in');

    // The patient asks for a person in the widget.
    const widget = await openPage(
      browser,
      portal.page('chat-actions', { data: { handoffServer: server.url } }),
    );
    const patient = widget.page;
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

    // Accept.
    await page.getByRole('button', { name: /^Accept conversation with/ }).click();
    await page.getByRole('heading', { name: /^Conversation with/ }).waitFor();
    await patient.locator('.handoff-notice').first().waitFor();
    // Accepting moves focus to the reply box (the Accept button is gone), in view at 1280x720.
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
    const reply = await page.locator('.workspace textarea').first().boundingBox();
    expect((reply?.y ?? 1000) + (reply?.height ?? 0)).toBeLessThanOrEqual(720);
    // The tab strip and "Keyboard shortcuts" share one row above the conversation, at 1280
    // and at 720 px wide.
    const nav = page.getByRole('navigation', { name: 'My conversations' });
    const rowOf = async (width: number) => {
      await page.setViewportSize({ width, height: 720 });
      const tab = await nav.locator('.tab').first().boundingBox();
      const keys = await nav.getByRole('button', { name: /Keyboard shortcuts/ }).boundingBox();
      const box = await nav.boundingBox();
      // The patient panel's tabs sit above their panel (not beside it, squeezed).
      const tablist = await page.getByRole('tablist').first().boundingBox();
      const panel = await page.getByRole('tabpanel').first().boundingBox();
      return {
        tab: tab?.y,
        keys: keys?.y,
        height: box?.height ?? 0,
        panelBelow: (panel?.y ?? 0) >= (tablist?.y ?? 0) + (tablist?.height ?? 0) - 1,
      };
    };
    for (const width of [1280, 720]) {
      const row = await rowOf(width);
      expect(row.keys, `at ${width} px`).toBeCloseTo(row.tab ?? -100, -1);
      expect(row.height, `at ${width} px`).toBeLessThan(60);
      expect(row.panelBelow, `at ${width} px`).toBe(true);
    }
    await screenshot(page, 'day-1b-accepted-720');
    await page.setViewportSize({ width: 1280, height: 720 });

    // The patient attaches a photo: the agent sees it inline, fetched with her token.
    await patient.getByLabel('Attach a file').setInputFiles({
      name: 'rash.png',
      mimeType: 'image/png',
      buffer: samplePng(),
    });
    const photo = page.getByRole('log').getByRole('img', { name: /^rash\.png, image shared by / });
    await photo.waitFor();
    // The patient panel lists the conversation's files.
    await page
      .getByRole('region', { name: 'Files in this conversation' })
      .getByRole('img', { name: /^rash\.png/ })
      .waitFor();
    await expect
      .poll(() => photo.evaluate((img) => (img as HTMLImageElement).naturalWidth))
      .toBe(96);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'day-2-patient-photo');
    await screenshot(patient, 'day-2-widget-photo');

    // A canned response by its shortcut, then a knowledge link from the Assist tab.
    const composer = page.getByLabel('Message to the patient');
    await composer.pressSequentially('/hello');
    await page.getByRole('option', { name: /\/hello Greeting/ }).waitFor();
    await composer.press('Enter');
    await expect.poll(() => composer.inputValue()).toBe('Hello Sam, I am Amelie Roux.');
    await composer.press('Enter');
    await patient.getByText('Hello Sam, I am Amelie Roux.').waitFor();
    await page.getByRole('tab', { name: 'Assist' }).click();
    await page.getByRole('tab', { name: 'Knowledge' }).click();
    await page.getByLabel('Search articles').fill('parking');
    await page.getByRole('button', { name: 'Insert link' }).click();
    await expect
      .poll(() => composer.inputValue())
      .toBe('[Getting to the hospital](https://example.org/visit)');
    await composer.press('Enter');
    await patient.getByRole('link', { name: /Getting to the hospital/ }).waitFor();
    await screenshot(page, 'day-3-canned-knowledge');

    // The agent sends a PDF: the patient can download it.
    await page.getByLabel('Attach a file').setInputFiles({
      name: 'instructions.pdf',
      mimeType: 'application/pdf',
      buffer: samplePdf(),
    });
    await page.getByText('instructions.pdf sent.').waitFor();
    await page.getByRole('button', { name: /^Download instructions\.pdf/ }).waitFor();
    await patient.getByRole('button', { name: 'Download instructions.pdf' }).waitFor();
    await screenshot(patient, 'day-4-widget-pdf');
    await screenshot(page, 'day-4-agent-pdf');
    const files = await server.server.engine.store.listAttachments(
      (await server.server.engine.store.listConversations({ states: ['assigned'] }))[0]!.id,
    );
    expect(files.map((f) => [f.name, f.contentType])).toEqual([
      ['rash.png', 'image/png'],
      ['instructions.pdf', 'application/pdf'],
    ]);

    // Dark mode from her preferences: applied at once, remembered, AA contrast (axe).
    await page.getByLabel('Theme').selectOption('dark');
    await expect.poll(() => page.locator('.baton-console').getAttribute('data-theme')).toBe('dark');
    expect(await page.evaluate(() => localStorage.getItem('baton.console.theme'))).toBe('dark');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'day-5-dark');

    // Transfer: a colleague who can take it is listed; she keeps it.
    await page.getByRole('button', { name: 'Transfer' }).click();
    const transfer = page.getByRole('dialog', { name: 'Transfer the conversation' });
    await transfer.getByRole('radio', { name: 'Bruno Diaz' }).waitFor();
    await screenshot(page, 'day-5-transfer');
    await transfer.getByRole('button', { name: 'Cancel' }).click();

    // Wrap-up.
    await page.getByRole('button', { name: 'End conversation', exact: true }).click();
    const wrapUp = page.getByRole('dialog', { name: 'Wrap up and end' });
    await wrapUp.getByLabel('Disposition').selectOption({ index: 1 });
    await wrapUp.getByLabel('Summary (staff only)').fill('Photo reviewed; instructions sent');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'day-6-wrap-up');
    await wrapUp.getByRole('button', { name: 'Confirm' }).click();
    await patient.locator('.handoff-status').waitFor();
    expect(consolePage.problems).toEqual([]);
    expect(widget.problems).toEqual([]);
    await page.close();
    await colleague.close();
    await patient.close();
  }, 120_000);

  it('follows the system dark mode until the staff member chooses; right to left too', async () => {
    const fresh = await launchChromium();
    const opened = await openPage(fresh, `${server.url}/console/`);
    const page = opened.page;
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.setViewportSize({ width: 1280, height: 720 });
    await signIn(page, 'bruno', 'battery staple');
    const background = () =>
      page.locator('.baton-console').evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(await background()).toBe('rgb(21, 25, 30)');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Theme').selectOption('light');
    await expect.poll(background).toBe('rgb(255, 255, 255)');
    await page.evaluate(() => {
      document.documentElement.dir = 'rtl';
    });
    await page.getByLabel('Theme').selectOption('dark');
    expect(await axeViolations(page)).toEqual([]);
    // The top bar holds on one line at 1280 px (in RTL too), and nothing spills out at 1024.
    const bar = page.locator('.topbar');
    const lineHeight = async () => (await bar.boundingBox())?.height ?? 0;
    expect(await lineHeight()).toBeLessThan(80);
    await screenshot(page, 'day-7-dark-rtl');
    await page.setViewportSize({ width: 1024, height: 720 });
    const spills = () =>
      page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
    expect(await spills()).toBe(false);
    await screenshot(page, 'day-8-dark-rtl-1024');
    expect(opened.problems).toEqual([]);
    await page.close();
    await fresh.close();
  }, 60_000);

  it('keeps the Spanish top bar inside 1280 px, left to right and right to left', async () => {
    const spanish = await launchChromium({
      viewport: { width: 1280, height: 720 },
      locale: 'es-ES',
    });
    const opened = await openPage(spanish, `${server.url}/console/`);
    const page = opened.page;
    // A supervisor who is also an agent: the fullest top bar.
    await page.getByLabel('Nombre de usuario').fill('sam');
    await page.getByLabel('Contraseña').fill('tableau de bord');
    await page.getByRole('button', { name: 'Iniciar sesión' }).click();
    await page.getByText('Conectado', { exact: true }).waitFor();
    // Her whole name, never cut (the title says it all if a narrower screen ever cuts it).
    const who = page.locator('.topbar .who');
    expect(await who.getAttribute('title')).toBe('Sesión iniciada como Sam Okafor');
    const whole = () =>
      who.locator('.who-name').evaluate((el) => {
        const box = el.getBoundingClientRect();
        return (
          el.textContent === 'Sam Okafor' &&
          el.scrollWidth <= el.clientWidth &&
          box.left >= 0 &&
          box.right <= window.innerWidth
        );
      });
    expect(await whole()).toBe(true);
    const overflow = () =>
      page.evaluate(() => {
        const bar = document.querySelector('.topbar')!;
        const inside = [...bar.children].every((child) => {
          const box = child.getBoundingClientRect();
          return box.left >= 0 && box.right <= window.innerWidth;
        });
        return { inside, spills: document.documentElement.scrollWidth > window.innerWidth };
      });
    await screenshot(page, 'day-9-es-1280');
    expect(await overflow()).toEqual({ inside: true, spills: false });
    // The console's name is whole too: it wraps onto a second line rather than being cut.
    const title = page.locator('.topbar h1');
    expect(await title.textContent()).toBe('Consola de agentes Baton');
    expect(await title.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    await page.evaluate(() => {
      document.documentElement.dir = 'rtl';
    });
    expect(await overflow()).toEqual({ inside: true, spills: false });
    expect(await whole()).toBe(true);
    expect((await page.locator('.topbar').boundingBox())?.height).toBeLessThan(80);
    await screenshot(page, 'day-9-es-rtl-1280');
    expect(opened.problems).toEqual([]);
    await spanish.close();
  }, 60_000);
});

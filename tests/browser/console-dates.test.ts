import { consoleAssetsDir } from '@baton/agent-console/assets';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConsoleApp } from '../../packages/agent-console/scripts/build';
import { startServer, type TestServer } from '../../packages/agent-console/test/support/server';
import { type Browser, launchChromium, skipBrowserTests } from './support/chromium';
import { axeViolations, openPage } from './support/page';

// A French console in a browser whose own locale is American English (built console, real
// Chromium): Chromium draws date and time fields in its own locale whatever their `lang`, so
// each one also reads its value out in the console's language beside it.

describe.skipIf(skipBrowserTests)('date fields follow the console’s language (Chromium)', () => {
  let browser: Browser;
  let server: TestServer;

  beforeAll(async () => {
    await buildConsoleApp();
    browser = await launchChromium({ viewport: { width: 1280, height: 720 }, locale: 'en-US' });
    server = await startServer(
      [
        {
          username: 'ada',
          password: 'admin password',
          displayName: 'Ada Lovelace',
          roles: ['admin', 'supervisor'],
          queues: ['general'],
        },
      ],
      { allowedOrigins: ['*'], consoleDir: consoleAssetsDir(), cookieSessions: {} },
    );
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('analytics and the business hours: lang="fr" and the value written out in French', {
    timeout: 60_000,
  }, async () => {
    // The console's language comes from navigator.languages; Chromium's own stays en-US.
    await browser.context.addInitScript(() => {
      Object.defineProperty(Navigator.prototype, 'languages', { get: () => ['fr-FR', 'fr'] });
    });
    const { page, problems } = await openPage(browser, `${server.url}/console/`);
    page.setDefaultTimeout(15_000);
    await page.getByLabel('Nom d’utilisateur').fill('ada');
    await page.getByLabel('Mot de passe').fill('admin password');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('button', { name: 'Analyses' }).click();

    const from = page.getByLabel('Du', { exact: true });
    await from.fill('2026-12-04');
    expect(await from.getAttribute('lang')).toBe('fr');
    const described = await from.evaluate(
      (input) => document.getElementById(input.getAttribute('aria-describedby') ?? '')?.textContent,
    );
    expect(described).toBe('vendredi 4 décembre 2026');
    await page.getByText('vendredi 4 décembre 2026').waitFor();

    await page.getByRole('button', { name: 'Administration' }).click();
    const monday = page.getByLabel('Ouvert le Lundi');
    if (!(await monday.isChecked())) await monday.check();
    const opens = page.getByLabel('Lundi Ouvre');
    await opens.fill('14:30');
    expect(
      await opens.evaluate(
        (input) =>
          document.getElementById(input.getAttribute('aria-describedby') ?? '')?.textContent,
      ),
    ).toBe('14:30');
    expect(problems).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
  });
});

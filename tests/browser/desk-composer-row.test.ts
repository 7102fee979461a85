import { randomBytes } from 'node:crypto';
import { consoleAssetsDir } from '@baton/agent-console/assets';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConsoleApp } from '../../packages/agent-console/scripts/build';
import { startServer, type TestServer } from '../../packages/agent-console/test/support/server';
import { type Browser, launchChromium, skipBrowserTests } from './support/chromium';
import { axeViolations, openPage } from './support/page';
import { type Portal, startPortal } from './support/portal-server';

/**
 * At 1280x720 in French or Spanish, the markdown hint under the composer is longer than in
 * English. It wraps inside its own space; Preview, Attach a file and Send stay on one row,
 * so the wrapped buttons do not take another row from the chat log.
 */
const composerRow = (page: Page) =>
  page.evaluate(`(async () => {
    for (let frame = 0; frame < 2; frame++) await new Promise(requestAnimationFrame);
    const box = (selector) => {
      const el = document.querySelector(selector);
      if (!el) throw new Error('missing ' + selector);
      const { top, bottom, left, right } = el.getBoundingClientRect();
      return { top, bottom, left, right };
    };
    return {
      viewport: innerHeight,
      preview: box('.conversation-main .compose-format button'),
      hint: box('.conversation-main .compose-format span'),
      actions: box('.conversation-main .composer-actions'),
      send: box('.conversation-main .composer button[type=submit]'),
      log: box('.conversation-main .chat-log'),
    };
  })()`) as Promise<
    Record<'preview' | 'hint' | 'actions' | 'send' | 'log', DOMRect> & {
      viewport: number;
    }
  >;

describe.skipIf(skipBrowserTests)('the composer’s buttons on one row in French (Chromium)', () => {
  const secret = randomBytes(32).toString('hex');
  let browser: Browser;
  let portal: Portal;
  let server: TestServer;

  beforeAll(async () => {
    await buildConsoleApp();
    browser = await launchChromium({ viewport: { width: 1280, height: 720 }, locale: 'fr-FR' });
    portal = await startPortal({}, { handoffTokenSecret: secret });
    server = await startServer(
      [
        {
          username: 'bruno',
          password: 'correct horse',
          displayName: 'Bruno Diaz',
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

  it('Aperçu, Joindre un fichier and Envoyer share a row; the hint wraps beside them', {
    timeout: 120_000,
  }, async () => {
    const { page, problems } = await openPage(browser, `${server.url}/console/`);
    page.setDefaultTimeout(15_000);
    await page.getByLabel('Nom d’utilisateur').fill('bruno');
    await page.getByLabel('Mot de passe').fill('correct horse');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByText('Connecté', { exact: true }).waitFor();

    const patient = (
      await openPage(
        browser,
        portal.page('composer-row', { data: { handoffServer: server.url, locale: 'en' } }),
      )
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
    await page.locator('.queue-item button.primary').click();
    await page.getByRole('heading', { name: /^Conversation avec/ }).waitFor();
    await page.getByRole('button', { name: 'Envoyer' }).waitFor();

    const row = await composerRow(page);
    // One row: the buttons' tops agree, the hint sits between them, nothing past the screen.
    expect(row.send.top).toBeCloseTo(row.preview.top, 0);
    expect(row.actions.top).toBeLessThan(row.preview.bottom);
    expect(row.hint.left).toBeGreaterThanOrEqual(row.preview.right);
    expect(row.hint.right).toBeLessThanOrEqual(row.actions.left);
    expect(row.send.bottom).toBeLessThanOrEqual(row.viewport);
    expect(row.log.bottom - row.log.top).toBeGreaterThanOrEqual(200);

    // With the preview open the buttons drop below it and stay at the end of the row.
    await page.getByRole('button', { name: 'Aperçu' }).click();
    const open = await composerRow(page);
    const composer = await page.locator('.conversation-main .composer').boundingBox();
    expect(open.send.right).toBeCloseTo((composer?.x ?? 0) + (composer?.width ?? 0), 0);
    await page.getByRole('button', { name: 'Aperçu' }).click();

    expect(problems).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
  });
});

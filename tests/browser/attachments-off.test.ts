import { randomBytes } from 'node:crypto';
import { consoleAssetsDir } from '@baton/agent-console/assets';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConsoleApp } from '../../packages/agent-console/scripts/build';
import { startServer, type TestServer } from '../../packages/agent-console/test/support/server';
import { type Browser, launchChromium, skipBrowserTests } from './support/chromium';
import { axeViolations, openPage } from './support/page';
import { type Portal, startPortal } from './support/portal-server';

// Issue #12: with files off on the server (`attachments: { enabled: false }`, what
// `BATON_ATTACHMENTS=false` sets), neither the built widget nor the built console offers a
// paperclip: both learn it from the server (`attachment.policy`, `actions.available`).

describe.skipIf(skipBrowserTests)('files off on the server (Chromium, built bundles)', () => {
  const secret = randomBytes(32).toString('hex');
  let browser: Browser;
  let portal: Portal;
  let server: TestServer;

  beforeAll(async () => {
    await buildConsoleApp();
    browser = await launchChromium();
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
        attachments: { enabled: false },
      },
    );
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await portal?.close();
    await server?.close();
  });

  it('shows no paperclip to the patient or the agent', async () => {
    const { page } = await openPage(browser, `${server.url}/console/`);
    page.setDefaultTimeout(10_000);
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.getByLabel('User name').fill('amelie');
    await page.getByLabel('Password').fill('correct horse');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Connected', { exact: true }).waitFor();

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
    await page.getByRole('button', { name: /^Accept conversation with/ }).click();
    await page.getByRole('heading', { name: /^Conversation with/ }).waitFor();

    // The actions the server allows came (in the same frame as the file limits): no paperclip.
    await page.getByRole('button', { name: 'Offer survey' }).waitFor();
    expect(await page.getByLabel('Attach a file').count()).toBe(0);
    // The patient was told files are off when her request was acknowledged, before the agent
    // joined: once the agent's message is shown, the panel has no paperclip.
    await page.getByLabel('Message to the patient').fill('Hello from Amelie');
    await page.getByLabel('Message to the patient').press('Enter');
    await patient.getByText('Hello from Amelie').waitFor();
    expect(await patient.getByText('Attach a file').count()).toBe(0);
    expect(await patient.getByRole('button', { name: 'End chat' }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    expect(widget.problems).toEqual([]);
    await patient.close();
    await page.close();
  }, 90_000);
});

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { consoleAssetsDir } from '@baton/agent-console/assets';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConsoleApp } from '../../packages/agent-console/scripts/build';
import { startServer, type TestServer } from '../../packages/agent-console/test/support/server';
import { type Browser, launchChromium, skipBrowserTests } from './support/chromium';
import { axeViolations, openPage } from './support/page';

// An administrator edits a person's roles and queues in Administration → Agents: the
// supervisor she demotes loses her dashboard in her open console at once (two browsers);
// the last administrator cannot demote herself; a person is added before her first
// sign-in; a reset goes back to the identity provider. Built console, SQLite, real Chromium.

const shots = process.env.BATON_SCREENSHOT_DIR;
async function screenshot(page: Page, name: string) {
  if (!shots) return;
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
  await page
    .locator('section[aria-labelledby=agents-title]')
    .screenshot({ path: join(shots, `${name}-agents.png`) });
}

describe.skipIf(skipBrowserTests)('staff roles and queues set by an administrator', () => {
  let admin: Browser;
  let staff: Browser;
  let server: TestServer;

  beforeAll(async () => {
    await buildConsoleApp();
    admin = await launchChromium();
    staff = await launchChromium();
    server = await startServer(
      [
        {
          username: 'nina',
          password: 'nina password',
          displayName: 'Nina Lead',
          roles: ['agent', 'supervisor'],
          queues: ['general'],
        },
        { username: 'ada', password: 'admin password', displayName: 'Ada Admin', roles: ['admin'] },
      ],
      {
        allowedOrigins: ['*'],
        consoleDir: consoleAssetsDir(),
        cookieSessions: {},
        desk: { routing: { queues: [{ queue: 'billing', department: 'billing' }] } },
      },
    );
  }, 120_000);

  afterAll(async () => {
    await admin?.close();
    await staff?.close();
    await server?.close();
  });

  async function signIn(browser: Browser, username: string, password: string) {
    const opened = await openPage(browser, `${server.url}/console/`);
    await opened.page.getByLabel('User name').fill(username);
    await opened.page.getByLabel('Password').fill(password);
    await opened.page.getByRole('button', { name: 'Sign in' }).click();
    await opened.page.getByText('Connected', { exact: true }).waitFor();
    return opened;
  }

  it('demotes a supervisor live, refuses the last admin, adds and resets', async () => {
    const nina = await signIn(staff, 'nina', 'nina password');
    const dashboard = nina.page.getByRole('button', { name: 'Supervisor dashboard' });
    await dashboard.waitFor();
    await dashboard.click();

    const { page, problems } = await signIn(admin, 'ada', 'admin password');
    await page.getByRole('button', { name: 'Administration' }).click();
    const row = (id: string) => page.locator(`tr[data-agent="${id}"] > *`);
    await page.locator('tr[data-agent="nina"]').waitFor();
    expect((await row('nina').allTextContents()).slice(0, 4)).toEqual([
      'Nina Lead (nina)',
      'Agent, Supervisor',
      'general',
      'Identity providerEdit',
    ]);
    await page.getByRole('button', { name: 'Edit the roles and queues of Nina Lead' }).click();
    const form = page.getByRole('form', { name: 'Roles and queues of Nina Lead' });
    await form.getByRole('checkbox', { name: 'Supervisor' }).uncheck();
    await form.getByRole('checkbox', { name: 'billing' }).check();
    expect(await axeViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 720 });
    await screenshot(page, 'console-staff-edit');
    await form.getByRole('button', { name: 'Save roles and queues' }).click();
    await page.getByText(/Roles and queues of Nina Lead saved/).waitFor();
    expect((await row('nina').allTextContents()).slice(1, 4)).toEqual([
      'Agent',
      'billing, general',
      'Administrator (ada)Edit',
    ]);

    // Her open console reconnects with the new roles: the dashboard is gone, she is connected.
    await dashboard.waitFor({ state: 'detached', timeout: 10_000 });
    await nina.page
      .getByRole('alert')
      .getByText(/An administrator changed your roles or queues/)
      .waitFor();
    expect(await axeViolations(nina.page)).toEqual([]);
    await nina.page.getByText('Connected', { exact: true }).waitFor();
    expect((await server.server.engine.store.getAgent('nina'))?.queues).toEqual([
      'billing',
      'general',
    ]);

    // The only administrator cannot step down.
    await page.getByRole('button', { name: 'Edit the roles and queues of Ada Admin' }).click();
    const own = page.getByRole('form', { name: 'Roles and queues of Ada Admin' });
    await own.getByRole('checkbox', { name: 'Administrator' }).uncheck();
    await own.getByRole('checkbox', { name: 'Supervisor' }).check();
    await own.getByRole('button', { name: 'Save roles and queues' }).click();
    await page
      .getByRole('alert')
      .getByText(/Nobody would be an administrator/)
      .waitFor();
    await own.getByRole('button', { name: 'Cancel' }).click();

    // Someone added before her first sign-in.
    await page.getByRole('button', { name: 'Add a person' }).click();
    const added = page.getByRole('form', { name: 'Add a person' });
    await added.getByLabel('Staff id (as her identity provider names her)').fill('leo');
    await added.getByLabel('Name', { exact: true }).fill('Leo New');
    await added.getByRole('button', { name: 'Add', exact: true }).click();
    await page.locator('tr[data-agent="leo"]').waitFor();
    expect((await row('leo').allTextContents()).slice(0, 3)).toEqual([
      'Leo New (leo)',
      'Agent',
      'no queue',
    ]);

    // Back to what her identity provider states.
    await page.getByRole('button', { name: 'Edit the roles and queues of Nina Lead' }).click();
    await page.getByRole('button', { name: 'Reset to identity provider' }).click();
    await page.getByText(/has her identity provider’s roles and queues again/).waitFor();
    expect((await row('nina').allTextContents())[3]).toBe('Identity providerEdit');
    await dashboard.waitFor({ timeout: 10_000 });

    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'console-staff-list');
    await page.evaluate(() => document.documentElement.setAttribute('dir', 'rtl'));
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      1280,
    );
    await screenshot(page, 'console-staff-list-rtl');
    await page.evaluate(() => document.documentElement.removeAttribute('dir'));
    const audit = await server.server.engine.store.queryAudit({ action: 'config.update' });
    expect(audit.map((a) => [a.outcome, a.targetId, a.reason])).toEqual([
      ['allowed', 'nina', 'assignment'],
      ['denied', 'ada', 'last_admin'],
      ['allowed', 'leo', 'assignment'],
      ['allowed', 'nina', 'assignment_reset'],
    ]);
    // The refused step-down is the one failed request the browser reports.
    expect(problems).toEqual([
      expect.stringMatching(
        /^console: Failed to load resource: the server responded with a status of 409 \(Conflict\)/,
      ),
    ]);
    expect(nina.problems).toEqual([]);
  }, 90_000);
  it('makes an API key shown once, which reads analytics until revoked', async () => {
    const page = (await admin.context.pages()).at(-1)!;
    await page.getByRole('button', { name: 'Administration' }).click();
    await page.getByLabel('Key name').fill('Grafana');
    await page.getByRole('button', { name: 'Make a key' }).click();
    const secret = await page.getByLabel('Secret of “Grafana”').inputValue();
    expect(secret).toMatch(/^baton_ak_/);
    const pull = () =>
      fetch(`${server.url}/api/analytics?format=csv`, {
        headers: { authorization: `Bearer ${secret}` },
      });
    expect((await pull()).status).toBe(200);
    await page.getByRole('button', { name: 'I copied it' }).click();
    expect(await page.getByLabel('Secret of “Grafana”').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Revoke Grafana' }).click();
    await page.getByText('Key “Grafana” revoked: it is refused from now on.').waitFor();
    expect(await page.locator('tr[data-api-key="Grafana"] > *').allTextContents()).toEqual([
      'Grafana',
      expect.stringMatching(/ · ada$/),
      expect.not.stringMatching(/^never$/),
      expect.stringMatching(/^Revoked /),
    ]);
    if (shots)
      await page.locator('section[aria-labelledby=api-keys-title]').screenshot({
        path: join(shots, 'console-api-keys.png'),
      });
    expect((await pull()).status).toBe(401);
  }, 60_000);
});

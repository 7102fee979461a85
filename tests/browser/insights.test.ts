import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { consoleAssetsDir } from '@baton/agent-console/assets';
import { PERSON_REQUEST_PHRASES, RED_FLAG_PHRASES } from '@baton/handoff-protocol';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConsoleApp } from '../../packages/agent-console/scripts/build';
import {
  eventually,
  PatientClient,
  startServer,
  type TestServer,
} from '../../packages/agent-console/test/support/server';
import { scriptedDay } from './support/analytics-day';
import { type Browser, launchChromium, skipBrowserTests } from './support/chromium';
import { axeViolations, openPage } from './support/page';

// A supervisor reads the period analytics after a scripted day (numbers checked against the
// script) and downloads the CSV; an administrator closes a queue in the Admin view and the
// next patient is offered the out-of-hours fallback with the message she wrote. Real
// Chromium, the built console served by the handoff server, SQLite underneath.

const shots = process.env.BATON_SCREENSHOT_DIR;
async function screenshot(page: Page, name: string) {
  if (!shots) return;
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

describe.skipIf(skipBrowserTests)('period analytics and admin settings in the console', () => {
  let browser: Browser;
  let server: TestServer;

  beforeAll(async () => {
    await buildConsoleApp();
    browser = await launchChromium();
    server = await startServer(
      [
        {
          username: 'sophie',
          password: 'tableau de bord',
          displayName: 'Sophie Martin',
          roles: ['supervisor'],
        },
        {
          username: 'root',
          password: 'admin password',
          displayName: 'Ada Admin',
          roles: ['admin'],
        },
      ],
      {
        allowedOrigins: ['*'],
        consoleDir: consoleAssetsDir(),
        cookieSessions: {},
      },
    );
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function signIn(username: string, password: string) {
    const opened = await openPage(browser, `${server.url}/console/`);
    await opened.page.getByLabel('User name').fill(username);
    await opened.page.getByLabel('Password').fill(password);
    await opened.page.getByRole('button', { name: 'Sign in' }).click();
    await opened.page.getByText('Connected', { exact: true }).waitFor();
    return opened;
  }

  it('shows the scripted day’s figures and downloads them as CSV', async () => {
    await scriptedDay(server.server.engine.store);
    // Amelie is on the desk (by name); Bruno left it (his id only, from the figures).
    await server.server.engine.store.upsertAgent({
      id: 'amelie',
      displayName: 'Amélie Roux',
      queues: ['general', 'pediatrics'],
      capacity: 3,
    });
    const { page, problems } = await signIn('sophie', 'tableau de bord');
    await page.getByRole('button', { name: 'Analytics' }).click();
    // No BATON_TIME_ZONE: the header says UTC is the server's default and where to change it.
    await page
      .getByText(
        /Figures from .* \(UTC, the server's default: set the organisation's time zone with BATON_TIME_ZONE\): 6 conversations\./,
      )
      .waitFor({ timeout: 10_000 });
    const tile = (name: string) => page.locator(`[data-figure=${name}] dd`).textContent();
    expect(await tile('conversations')).toBe('6');
    // No desk escalation rate (it read 100 % in the demo): the bot's, of its sessions, below.
    expect(await page.locator('[data-figure=escalation-rate]').count()).toBe(0);
    expect(await tile('handled')).toBe('2');
    expect(await tile('lost')).toBe('3 (60 %)');
    expect(await tile('wait-p50')).toBe('1 min');
    expect(await tile('wait-p90')).toBe('2 min');
    expect(await tile('rating')).toBe('4 / 5');
    expect(await tile('bot-sessions')).toBe('4');
    expect(await tile('containment')).toBe('75 %');
    expect(await tile('resolved')).toBe('2 (50 %)');
    expect(await tile('bot-escalated')).toBe('1 (25 %)');
    expect(await page.locator('[data-table=bot-pages] tbody tr > *').allTextContents()).toEqual([
      '/appointments',
      '4',
      '2',
      '1',
    ]);
    const row = (key: string) => page.locator(`tr[data-slice="${key}"] > *`).allTextContents();
    expect((await row('general')).slice(0, 3)).toEqual(['general', '2', '2']);
    expect((await row('billing')).slice(0, 4)).toEqual(['billing', '3', '0', '3']);
    expect(
      await page.getByRole('img', { name: /^Escalation reasons\./ }).getAttribute('aria-label'),
    ).toBe(
      'Escalation reasons. Bot could not help: 3, Patient asked for a person: 1, Urgent (red flag): 1',
    );
    // The filters are lists of what the server knows: queues, and agents by name.
    const options = (label: string) =>
      page.getByLabel(label, { exact: true }).locator('option').allTextContents();
    expect(await options('Queue')).toEqual(['All queues', 'billing', 'general', 'pediatrics']);
    expect(await options('Agent')).toEqual(['All agents', 'Amélie Roux', 'bruno']);
    await page.getByLabel('Agent', { exact: true }).selectOption({ label: 'Amélie Roux' });
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await page.getByText(/\): 1 conversations\./).waitFor({ timeout: 10_000 });
    await page.getByLabel('Agent', { exact: true }).selectOption('');
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await page.getByText(/\): 6 conversations\./).waitFor({ timeout: 10_000 });
    expect(await axeViolations(page)).toEqual([]);
    // "dark: reached an agent": the inner series is the darker one in either theme.
    const lightness = (selector: string) =>
      page
        .locator(selector)
        .first()
        .evaluate((el) => {
          const [r, g, b] = (getComputedStyle(el).fill.match(/\d+/g) ?? []).map(Number);
          return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
        });
    for (const theme of ['light', 'dark'] as const) {
      await page.getByLabel('Theme').selectOption(theme);
      expect(await lightness('.chart .bar.part'), theme).toBeLessThan(
        await lightness('.chart .bar:not(.part)'),
      );
    }
    await page.getByLabel('Theme').selectOption('system');
    await page.setViewportSize({ width: 1280, height: 720 });
    await screenshot(page, 'console-analytics');
    // Right-to-left: the layout mirrors, the charts keep their axis, nothing overflows.
    await page.evaluate(() => document.documentElement.setAttribute('dir', 'rtl'));
    expect(await axeViolations(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      1280,
    );
    await screenshot(page, 'console-analytics-rtl');
    await page.evaluate(() => document.documentElement.removeAttribute('dir'));

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(
      /^baton-analytics-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/,
    );
    const csv = readFileSync((await download.path())!, 'utf8').split('\r\n');
    expect(csv[0]).toMatch(/^scope,key,conversations,escalated,escalationRate,handled,/);
    expect(csv[1]).toMatch(/^total,[\d-]+\/[\d-]+,6,5,0\.8333,2,2,0,1,1,1,0\.6,60000,120000,/);
    expect(csv).toContain('reason,bot-failure,,3,,,,,,,,,,,,,,,,');
    expect(csv.find((l) => l.startsWith('bot,all,4,1,0.25,'))).toContain('containment_rate=0.75');
    const audit = await server.server.engine.store.queryAudit({ actorId: 'sophie' });
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['analytics.read', 'analytics.export']),
    );
    expect(problems).toEqual([]);
    // Staff sessions are cookies of this browser profile: sign out for the next person.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('User name').waitFor();
    await page.close();
  }, 60_000);

  it('applies the business hours an administrator saves: the next patient gets the fallback', async () => {
    const { page, problems } = await signIn('root', 'admin password');
    await page.getByRole('heading', { name: 'Business hours and out-of-hours message' }).waitFor();
    await page.getByLabel('Queue', { exact: true }).fill('cardiology');
    await page.getByLabel('Queue', { exact: true }).press('Tab');
    // A new queue starts in the organisation's zone, which the screen names (here no
    // BATON_TIME_ZONE: the server's UTC default, and the variable to set).
    expect(await page.getByLabel(/^Time zone/).inputValue()).toBe('UTC');
    await page
      .getByText(
        "The organisation's time zone is UTC, the server's default: set it with BATON_TIME_ZONE.",
        { exact: false },
      )
      .waitFor();
    await page.getByLabel(/^Time zone/).fill('Europe/Paris');
    const message = 'The cardiology nurses are away today. Call 15 in an emergency.';
    await page.getByLabel('Message shown to patients out of hours').fill(message);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'console-admin-business-hours');
    await page.getByRole('button', { name: 'Save business hours' }).click();
    await page.getByText('Saved. Every server applies it from the next handoff.').waitFor();
    expect(await page.getByText('Last changed by root.').count()).toBe(1);

    const patient = await PatientClient.connect(
      server.url,
      await server.patientToken('pat-hours'),
      'conv-hours',
    );
    patient.requestHandoff();
    const failed = await eventually(() => patient.of('handoff.failed')[0], 'handoff.failed');
    expect(failed).toMatchObject({ reason: 'out-of-hours', notice: message });
    patient.close();
    // The change is in the audit viewer, filtered by action, and in its CSV.
    await page.getByLabel('Action', { exact: true }).fill('settings.update');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByText('1 records, newest first.').waitFor();
    const row = page.locator('tr[data-audit-action="settings.update"]');
    expect(await row.textContent()).toContain('root (admin)');
    expect(await row.textContent()).toContain('business-hours');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'console-admin-audit');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page
        .getByRole('region', { name: 'Audit log' })
        .getByRole('button', { name: 'Download CSV' })
        .click(),
    ]);
    const csv = readFileSync((await download.path())!, 'utf8')
      .trim()
      .split('\r\n');
    expect(csv).toHaveLength(2);
    expect(csv[1]).toContain(',settings.update,allowed,root,admin,');
    // Escalation settings for the widget, per language.
    await page
      .getByRole('form', { name: 'Escalation settings for the chat widget' })
      .getByLabel('Language', { exact: true })
      .selectOption('fr');
    // An empty list keeps the widget's built-in one: the console shows it, and copies it in.
    const builtIn = (key: string) => page.locator(`#escalation-${key}-builtin`);
    expect(await builtIn('personPhrases').locator('summary').textContent()).toBe(
      `Built-in list in use (${PERSON_REQUEST_PHRASES.fr?.length}), as long as this list is empty`,
    );
    await builtIn('redFlags').locator('summary').click();
    expect(await builtIn('redFlags').locator('li').first().textContent()).toBe(
      RED_FLAG_PHRASES.fr?.[0],
    );
    await builtIn('redFlags')
      .getByRole('button', { name: 'Copy the built-in list here to edit it' })
      .click();
    expect(await page.getByLabel(/^Red flags/).inputValue()).toBe(RED_FLAG_PHRASES.fr?.join('\n'));
    expect(
      await page.getByLabel('Emergency number for this language').getAttribute('placeholder'),
    ).toBe('Built-in: 112');
    await page.getByLabel(/^Phrases asking for a person/).fill('un humain svp\nune infirmière');
    expect(await builtIn('personPhrases').locator('summary').textContent()).toBe(
      `Replaces the built-in list (${PERSON_REQUEST_PHRASES.fr?.length})`,
    );
    await page.getByLabel('Emergency number for this language').fill('15');
    await page.getByRole('button', { name: 'Save escalation settings' }).click();
    await page.getByText('Escalation settings saved.').waitFor();
    const published = await (await fetch(`${server.url}/api/escalation-settings`)).json();
    expect(published).toMatchObject({
      patientRequest: { phrases: { fr: ['un humain svp', 'une infirmière'] }, confirm: true },
      redFlags: { emergencyNumbers: { fr: '15' } },
    });
    // The end survey, written in French.
    await page.getByRole('checkbox', { name: 'Send it when a chat with an agent ends' }).check();
    await page.getByLabel('Survey title in this language').fill('Votre avis');
    await page
      .getByLabel('Rating question (1 to 5)')
      .fill('Comment s’est passée la conversation ?');
    await page.getByRole('button', { name: 'Save the survey' }).click();
    await page.getByText(/^Survey saved\./).waitFor();
    expect(await server.server.engine.store.getSetting('end-survey')).toMatchObject({
      value: {
        enabled: true,
        surveys: { fr: { id: 'end-fr', title: 'Votre avis', questions: [{ kind: 'rating' }] } },
      },
    });
    // Routing rules as a form: a rule added and saved; the JSON view names a wrong rule.
    const routingForm = page.getByRole('form', { name: 'Queues and routing rules' });
    await routingForm.getByRole('button', { name: 'Add a rule' }).click();
    await routingForm.getByLabel('Queue', { exact: true }).fill('heart');
    await routingForm.getByLabel('Department (exact)').fill('cardiology');
    await routingForm.getByLabel(/^Languages/).fill('fr, en');
    expect(await axeViolations(page)).toEqual([]);
    await routingForm.getByRole('button', { name: 'Save queues and rules' }).click();
    await page.getByText('Routing rules saved. The next handoff uses them.').waitFor();
    expect(await server.server.engine.store.getSetting('routing')).toMatchObject({
      value: {
        queues: [{ queue: 'heart', department: 'cardiology', languages: ['fr', 'en'] }],
        departmentQueues: [],
      },
    });
    await screenshot(page, 'console-admin-routing');
    await page.getByText('Advanced: the rules as JSON').click();
    const rules = page.getByLabel(/^Rules \(JSON/);
    expect(JSON.parse(await rules.inputValue())).toMatchObject({ queues: [{ queue: 'heart' }] });
    await rules.fill('{ "queues": [ { "queue": "heart", "colour": "red" } ] }');
    await page.getByRole('button', { name: 'Save routing rules' }).click();
    await page.getByText('routing: not valid routing rules').waitFor();
    // Slots of the built-in scheduler: one added (tomorrow 09:00), then removed.
    const slots = page.getByRole('region', { name: 'Appointment slots (next 14 days)' });
    await slots.getByLabel(/^What the patient sees/).fill('Dr. Rivera');
    await slots.getByRole('button', { name: 'Add the slot' }).click();
    await page.getByText(/^Slot added: /).waitFor();
    expect((await server.server.engine.store.listSlots()).map((s) => s.label)).toEqual([
      'Dr. Rivera',
    ]);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'console-admin-slots');
    // Right-to-left at 1280 px: the routing form and the slots table fit, still axe-clean.
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.evaluate(() => document.documentElement.setAttribute('dir', 'rtl'));
    expect(await axeViolations(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      1280,
    );
    await screenshot(page, 'console-admin-slots-rtl');
    await page.evaluate(() => document.documentElement.removeAttribute('dir'));
    await slots.getByRole('button', { name: /^Remove the slot of / }).click();
    await page.getByText(/^Slot of .* removed\.$/).waitFor();
    expect(await server.server.engine.store.listSlots()).toEqual([]);
    // Agents: a capacity set by the administrator.
    await server.server.engine.store.upsertAgent({
      id: 'amelie',
      displayName: 'Amelie Roux',
      queues: ['general'],
      capacity: 3,
    });
    await page.reload();
    await page.getByRole('button', { name: 'Administration' }).click();
    await page.getByLabel('Capacity of Amelie Roux').fill('5');
    await page.locator('tr[data-agent="amelie"]').getByRole('button', { name: 'Save' }).click();
    await page.getByText('Capacity of Amelie Roux saved.').waitFor();
    expect((await server.server.engine.store.getAgent('amelie'))?.capacity).toBe(5);
    // Retention: a policy, its dry run, and one patient's data deleted.
    await page.getByLabel(/^Keep finished conversations for/).fill('30');
    await page.getByRole('button', { name: 'Save retention' }).click();
    await page
      .getByText(
        'Dry run: the next daily purge deletes 0 conversations finished more than 30 days ago.',
      )
      .waitFor();
    await page.getByLabel('Id of the patient whose data to delete').fill('p-d1');
    await page
      .getByRole('checkbox', { name: /I understand this deletes every conversation/ })
      .check();
    await page.getByRole('button', { name: 'Delete patient data' }).click();
    await page.getByText('Deleted the data of p-d1: 1 conversations.').waitFor();
    expect(await server.server.engine.store.getConversation('d1')).toBeNull();
    expect(await server.server.engine.store.getSetting('retention')).toMatchObject({
      value: { finishedDays: 30 },
    });
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'console-admin-retention');
    const audit = await server.server.engine.store.queryAudit({ actorId: 'root' });
    expect(audit.map((a) => [a.action, a.outcome, a.targetId ?? a.reason ?? a.patientId])).toEqual(
      expect.arrayContaining([
        ['settings.update', 'allowed', 'business-hours'],
        ['settings.update', 'allowed', 'escalation'],
        ['audit.read', 'allowed', 'export'],
        ['patient.delete', 'allowed', 'p-d1'],
      ]),
    );
    // The one 400 is the routing rules refused on purpose above.
    expect(problems.filter((p) => !p.includes('status of 400 (Bad Request)'))).toEqual([]);
    await page.close();
  }, 60_000);
});

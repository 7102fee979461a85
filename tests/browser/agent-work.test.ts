import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConsoleApp } from '../../packages/agent-console/scripts/build';
import {
  type DevUserSpec,
  eventually,
  PatientClient,
  startServer,
  type TestServer,
} from '../../packages/agent-console/test/support/server';
import { type Browser, launchChromium, skipBrowserTests } from './support/chromium';
import { startConsoleHost } from './support/console-host';
import { axeViolations, openPage } from './support/page';

// Issue #9 "the agent's work lives on the server", in real Chromium on the built console
// served as a deployment would (strict CSP, one origin) with staff cookie sessions:
// reload mid-chat, an agent gone past her grace period, accept switches, read-only after a
// transfer, automatic logoff. Screenshots go to BATON_SCREENSHOTS_DIR when it is set.

const USERS: DevUserSpec[] = [
  {
    username: 'amelie',
    password: 'correct horse',
    displayName: 'Amelie Roux',
    roles: ['agent'],
    queues: ['cardiology'],
  },
  {
    username: 'bruno',
    password: 'battery staple',
    displayName: 'Bruno Diaz',
    roles: ['agent'],
    queues: ['cardiology'],
  },
];
const PASSWORDS: Record<string, string> = { amelie: 'correct horse', bruno: 'battery staple' };

async function shot(page: Page, name: string) {
  const dir = process.env.BATON_SCREENSHOTS_DIR;
  if (dir) await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
}

async function signIn(page: Page, username: string) {
  page.setDefaultTimeout(8000);
  await page.getByLabel('User name').fill(username);
  await page.getByLabel('Password').fill(PASSWORDS[username]!);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText('Connected', { exact: true }).waitFor();
}

interface Stack {
  handoff: TestServer;
  host: { url: string; server: Server };
  close(): Promise<void>;
}

async function startStack(extra: Parameters<typeof startServer>[1]): Promise<Stack> {
  let target: URL | undefined;
  const host = await startConsoleHost(() => target!);
  const handoff = await startServer(USERS, { allowedOrigins: [host.url], ...extra });
  target = new URL(handoff.url);
  return {
    handoff,
    host,
    async close() {
      host.server.closeAllConnections();
      await new Promise((resolve) => host.server.close(resolve));
      await handoff.close();
    },
  };
}

describe.skipIf(skipBrowserTests)("the agent's work lives on the server (Chromium)", () => {
  let browser: Browser;
  let second: Browser;
  let stack: Stack;
  const patients: PatientClient[] = [];

  async function patientAsks(name: string) {
    const patient = await PatientClient.connect(
      stack.handoff.url,
      await stack.handoff.patientToken(`patient-${name}`),
      randomUUID(),
    );
    patients.push(patient);
    patient.requestHandoff();
    return patient;
  }

  beforeAll(async () => {
    await buildConsoleApp();
    stack = await startStack({ cookieSessions: {}, timeouts: { agentGraceMs: 1500 } });
    browser = await launchChromium();
    second = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    for (const patient of patients) patient.close();
    await browser?.close();
    await second?.close();
    await stack?.close();
  });

  it('accepting switches to the conversation; a reload mid-chat comes back to it with its history, and the chat goes on', async () => {
    const { page, problems, violations } = await openPage(browser, `${stack.host.url}/`);
    await signIn(page, 'amelie');
    const patient = await patientAsks('reload');
    await page.getByRole('button', { name: 'Accept conversation with Alex Martin' }).click();
    // Accept opens it: no tab to click.
    await page.getByRole('heading', { name: 'Conversation with Alex Martin' }).waitFor();
    patient.say('Before the reload');
    const log = () => page.getByRole('log', { name: 'Chat with Alex Martin' });
    await log().getByText('Before the reload').waitFor();

    await page.reload();
    // No sign-in: the HttpOnly cookie is exchanged for a socket token; no web storage used.
    await page.getByRole('heading', { name: 'Conversation with Alex Martin' }).waitFor();
    await log().getByText('Before the reload').waitFor();
    expect(
      await page.evaluate(
        () => sessionStorage.length + localStorage.length + document.cookie.length,
      ),
    ).toBe(0);
    const cookies = await browser.context.cookies();
    expect(cookies.map((c) => [c.name, c.httpOnly, c.sameSite, c.path])).toEqual([
      ['baton_staff_session', true, 'Strict', '/api/session'],
    ]);
    const composer = page.getByLabel('Message to the patient');
    await composer.fill('Still here after a reload');
    await composer.press('Enter');
    const answer = await eventually(
      () => patient.of('message').find((m) => m.from === 'agent'),
      'the answer after the reload',
    );
    expect(answer.text).toBe('Still here after a reload');
    patient.say('After the reload');
    await log().getByText('After the reload').waitFor();
    await shot(page, 'restored-after-reload');
    expect(await axeViolations(page)).toEqual([]);
    expect(patient.of('agent.left')).toEqual([]);

    await page.getByRole('toolbar').getByRole('button', { name: 'End conversation' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
    await page.getByText('This conversation has ended.').waitFor();
    expect(await violations()).toEqual([]);
    expect(problems).toEqual([]);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('User name').waitFor();
    await page.close();
  });

  it('an agent gone past her grace period: the patient is told, the conversation is first in the queue, another agent takes it with its whole history', async () => {
    const waiting = await patientAsks('waiting');
    const { page } = await openPage(browser, `${stack.host.url}/`);
    await signIn(page, 'amelie');
    const patient = await patientAsks('grace');
    const accepts = page.getByRole('button', { name: 'Accept conversation with Alex Martin' });
    await accepts.nth(1).waitFor();
    await accepts.last().click();
    await page.getByRole('heading', { name: 'Conversation with Alex Martin' }).waitFor();
    patient.say('Are you still there?');
    await page.getByText('Are you still there?').waitFor();
    // The agent's browser goes away (crash, network): no sign-out.
    await page.close();
    const left = await eventually(() => patient.of('agent.left')[0], 'agent.left', 10_000);
    expect(left).toMatchObject({ reason: 'disconnected', requeued: true });
    await eventually(
      () =>
        patient
          .of('handoff.queued')
          .find(
            (f) =>
              f.queue.position === 1 && patient.frames.indexOf(f) > patient.frames.indexOf(left),
          ),
      'first in line',
    );
    expect(waiting.of('agent.left')).toEqual([]);

    const other = await openPage(second, `${stack.host.url}/`);
    await signIn(other.page, 'bruno');
    const queue = other.page.getByRole('region', { name: /Waiting patients/ });
    await queue
      .getByRole('button', { name: 'Accept conversation with Alex Martin' })
      .first()
      .waitFor();
    await shot(other.page, 'requeued-first');
    await queue
      .getByRole('button', { name: 'Accept conversation with Alex Martin' })
      .first()
      .click();
    const log = other.page.getByRole('log', { name: 'Chat with Alex Martin' });
    await log.getByText('Are you still there?').waitFor();
    await eventually(() => patient.of('agent.joined').length === 2, 'the second agent joined');
    expect(await axeViolations(other.page)).toEqual([]);
    await other.page.close();
  });
});

describe.skipIf(skipBrowserTests)('read-only after a transfer; automatic logoff (Chromium)', () => {
  let browser: Browser;
  let second: Browser;
  let stack: Stack;
  const patients: PatientClient[] = [];

  beforeAll(async () => {
    await buildConsoleApp();
    stack = await startStack({ cookieSessions: { idleLogoffMs: 6000 } });
    browser = await launchChromium();
    second = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    for (const patient of patients) patient.close();
    await browser?.close();
    await second?.close();
    await stack?.close();
  });

  it('after a transfer the previous holder reads, cannot send, and is told where it went', async () => {
    const bruno = await openPage(second, `${stack.host.url}/`);
    await signIn(bruno.page, 'bruno');
    const { page } = await openPage(browser, `${stack.host.url}/`);
    await signIn(page, 'amelie');
    const patient = await PatientClient.connect(
      stack.handoff.url,
      await stack.handoff.patientToken('patient-transfer'),
      randomUUID(),
    );
    patients.push(patient);
    patient.requestHandoff();
    await page.getByRole('button', { name: 'Accept conversation with Alex Martin' }).click();
    await page.getByRole('heading', { name: 'Conversation with Alex Martin' }).waitFor();
    patient.say('Can someone from billing help?');
    await page.getByText('Can someone from billing help?').waitFor();
    await page.getByRole('toolbar').getByRole('button', { name: 'Transfer' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('An agent').check();
    // The server lists who can take it: Bruno, online in the same queue.
    await dialog.getByRole('radio', { name: /^Bruno Diaz/ }).check();
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    const status = page.getByText(
      'This conversation was transferred to Bruno Diaz. You can read it, not reply.',
    );
    await status.waitFor();
    expect(await page.getByLabel('Message to the patient').count()).toBe(0);
    expect(await page.getByRole('toolbar').count()).toBe(0);
    expect(await page.getByText('Read-only', { exact: true }).count()).toBe(1);
    await page.getByText('Can someone from billing help?').waitFor();
    await shot(page, 'read-only-after-transfer');
    expect(await axeViolations(page)).toEqual([]);
    // Bruno has it, with the history.
    await bruno.page
      .getByRole('button', { name: /Alex Martin/ })
      .first()
      .click();
    await bruno.page.getByText('Can someone from billing help?').waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('User name').waitFor();
    await page.close();
    await bruno.page.close();
  });

  it('warns before the automatic logoff, "Stay signed in" keeps the session, then logs off when ignored', async () => {
    const { page } = await openPage(browser, `${stack.host.url}/`);
    await signIn(page, 'amelie');
    const warning = page.getByRole('alertdialog');
    await warning.waitFor({ timeout: 10_000 });
    await shot(page, 'logoff-warning');
    expect(await axeViolations(page)).toEqual([]);
    // The button has the focus: Enter keeps the session.
    await page.keyboard.press('Enter');
    await warning.waitFor({ state: 'detached' });
    await page.getByText('Connected', { exact: true }).waitFor();
    // Ignored this time: signed out, told why, the session is gone on the server too.
    await warning.waitFor({ timeout: 10_000 });
    await page.getByLabel('User name').waitFor({ timeout: 10_000 });
    await page
      .getByText('You were signed out after a period of inactivity. Sign in again to continue.')
      .waitFor();
    await shot(page, 'logged-off');
    await page.reload();
    await page.getByLabel('User name').waitFor();
    await page.close();
  });
});

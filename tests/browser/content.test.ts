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

// Issue #12 item 1 on the built console: an admin edits a canned response in the Content
// screen; an agent types `/` and the shortcut, inserts it with Enter (variables filled from
// the verified patient context and her profile), sends it, and the patient gets the edited
// text. The assist panel inserts a script step. Screenshots go to BATON_SCREENSHOTS_DIR.

const USERS: DevUserSpec[] = [
  {
    username: 'amelie',
    password: 'correct horse',
    displayName: 'Amelie Roux',
    roles: ['agent'],
    queues: ['cardiology'],
  },
  { username: 'ada', password: 'battery staple', displayName: 'Ada L', roles: ['admin'] },
];
const PASSWORDS: Record<string, string> = { amelie: 'correct horse', ada: 'battery staple' };

async function shot(page: Page, name: string) {
  const dir = process.env.BATON_SCREENSHOTS_DIR;
  if (dir) await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
}

async function signIn(page: Page, username: string) {
  page.setDefaultTimeout(8000);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.getByLabel('User name').fill(username);
  await page.getByLabel('Password').fill(PASSWORDS[username]!);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText('Connected', { exact: true }).waitFor();
}

describe.skipIf(skipBrowserTests)('agent content in the built console (Chromium)', () => {
  let admin: Browser;
  let agent: Browser;
  let handoff: TestServer;
  let host: { url: string; server: Server };
  let patient: PatientClient | undefined;

  beforeAll(async () => {
    await buildConsoleApp();
    let target: URL | undefined;
    host = await startConsoleHost(() => target!);
    handoff = await startServer(USERS, { allowedOrigins: [host.url], cookieSessions: {} });
    target = new URL(handoff.url);
    const store = handoff.server.engine.store;
    const none = { steps: null, actions: null, tags: [] as string[], link: null };
    await store.createContent({
      ...none,
      id: 'greeting',
      kind: 'canned',
      queue: 'cardiology',
      title: 'Greeting',
      shortcut: 'hello',
      body: 'Hello {patient.firstName}.',
      updatedBy: 'seed',
    });
    await store.createContent({
      ...none,
      id: 'triage',
      kind: 'script',
      queue: null,
      title: 'Triage',
      shortcut: null,
      body: '',
      steps: [{ label: 'Symptoms', text: 'When did it start, {patient.firstName}?' }],
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
      tags: ['parking', 'access'],
      link: 'https://example.org/visit',
      updatedBy: 'seed',
    });
    admin = await launchChromium();
    agent = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    patient?.close();
    await admin?.close();
    await agent?.close();
    host?.server.closeAllConnections();
    if (host) await new Promise((resolve) => host.server.close(resolve));
    await handoff?.close();
  });

  it('an admin edits a canned response; an agent inserts it with / and Enter; the patient gets the edited text', async () => {
    const adminPage = await openPage(admin, `${host.url}/`);
    await signIn(adminPage.page, 'ada');
    const a = adminPage.page;
    // Administrators land on Administration; Content is in the same navigation.
    await a.getByRole('button', { name: 'Content', exact: true }).click();
    await a.getByRole('heading', { name: 'Content for agents' }).waitFor();
    await a.getByRole('button', { name: 'Edit “Greeting”' }).click();
    const body = a.getByLabel('Text (markdown)');
    await body.fill('Good morning {patient.firstName}, I am {agent.name}. {unknown.thing}');
    await a.getByRole('button', { name: 'Save' }).click();
    await a.getByText('Saved: “Greeting” (version 2).').waitFor();
    expect(await axeViolations(a)).toEqual([]);
    await shot(a, 'content-admin');

    const agentPage = await openPage(agent, `${host.url}/`);
    const p = agentPage.page;
    await signIn(p, 'amelie');
    patient = await PatientClient.connect(
      handoff.url,
      await handoff.patientToken('patient-content'),
      randomUUID(),
    );
    patient.requestHandoff();
    await p.getByRole('button', { name: 'Accept conversation with Alex Martin' }).click();
    await p.getByRole('heading', { name: 'Conversation with Alex Martin' }).waitFor();

    const composer = p.getByLabel('Message to the patient');
    await composer.pressSequentially('/hel');
    const option = p.getByRole('option', { name: /\/hello Greeting/ });
    await option.waitFor();
    expect(await composer.getAttribute('aria-expanded')).toBe('true');
    // Escape closes the list; typing reopens it.
    await composer.press('Escape');
    await option.waitFor({ state: 'detached' });
    await composer.pressSequentially('l');
    await option.waitFor();
    expect(await axeViolations(p)).toEqual([]);
    await shot(p, 'canned-picker');
    await composer.press('Enter');
    // Trusted values filled; an unknown variable stays visible, never guessed.
    await expect
      .poll(() => composer.inputValue())
      .toBe('Good morning Alex, I am Amelie Roux. {unknown.thing}');
    await composer.press('Enter');
    const sent = await eventually(
      () => patient!.of('message').find((m) => m.from === 'agent'),
      'the canned response',
    );
    expect(sent.text).toBe('Good morning Alex, I am Amelie Roux. {unknown.thing}');

    // The assist panel: a script step goes into the composer.
    await p.getByRole('tab', { name: 'Assist' }).click();
    await p.getByRole('tab', { name: 'Script' }).waitFor();
    await p.getByText('When did it start, Alex?').waitFor();
    await p.getByRole('button', { name: 'Insert step 1 into the reply' }).click();
    await expect.poll(() => composer.inputValue()).toBe('When did it start, Alex?');
    expect(await axeViolations(p)).toEqual([]);
    await shot(p, 'assist-panel');
    await composer.fill('');
    await p.getByRole('tab', { name: 'Knowledge' }).click();
    await p.getByLabel('Search articles').fill('parking');
    await p.getByRole('button', { name: 'Insert link' }).click();
    await expect
      .poll(() => composer.inputValue())
      .toBe('[Getting to the hospital](https://example.org/visit)');
    expect(await axeViolations(p)).toEqual([]);
    await shot(p, 'assist-knowledge');
    await composer.fill('');

    // The admin adds a macro; the agent's open console gets it without a reload.
    await a.getByRole('button', { name: 'New item' }).click();
    const form = a.getByRole('form', { name: 'New item' });
    await form.getByLabel('Kind').selectOption('macro');
    await form.getByLabel('Title').fill('Wrap up with survey');
    await form.getByLabel('Message to send').fill('Thank you {patient.firstName}, goodbye.');
    await form.getByRole('button', { name: 'Save' }).click();
    await a.getByRole('row', { name: /Wrap up with survey/ }).waitFor();
    await p.getByRole('tab', { name: 'Macros' }).click();
    await p.getByRole('button', { name: 'Run…' }).click();
    const dialog = p.getByRole('dialog', { name: 'Run “Wrap up with survey”?' });
    await dialog.getByText('Send: Thank you Alex, goodbye.').waitFor();
    expect(await axeViolations(p)).toEqual([]);
    await dialog.getByRole('button', { name: 'Run it' }).click();
    // In order: the message, the survey, then the end.
    await eventually(() => patient!.of('handoff.ended')[0], 'the end');
    const texts = patient!.of('message').map((m) => m.text);
    expect(texts.at(-1)).toBe('Thank you Alex, goodbye.');
    expect(patient!.of('survey.request')).toHaveLength(1);
    const order = patient!.frames
      .map((f) => f.type)
      .filter((t) => t === 'message' || t === 'survey.request' || t === 'handoff.ended');
    expect(order.slice(-3)).toEqual(['message', 'survey.request', 'handoff.ended']);

    // Right to left: the same screens mirror and stay axe-clean.
    await a.evaluate(() => {
      document.documentElement.dir = 'rtl';
    });
    await a.getByRole('button', { name: 'Edit “Wrap up with survey”' }).click();
    expect(await axeViolations(a)).toEqual([]);
    await shot(a, 'content-admin-rtl');
    expect([...adminPage.problems, ...agentPage.problems]).toEqual([]);
  }, 60_000);
});

import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { consoleAssetsDir } from '@baton/agent-console/assets';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConsoleApp } from '../../packages/agent-console/scripts/build';
import { startServer, type TestServer } from '../../packages/agent-console/test/support/server';
import { AgentClient, eventually } from '../../packages/chat-widget/test/support/handoff-server';
import { type Browser, launchChromium, skipBrowserTests } from './support/chromium';
import { axeViolations, openPage } from './support/page';
import { type Portal, startPortal } from './support/portal-server';

// The supervisor's center in real Chromium: the script-tag widget registers its bot
// conversation with the handoff server; the supervisor, signed in to the built console,
// watches it appear "with the bot" and end as contained; then a patient is with an agent
// (a real agent socket), the supervisor opens the conversation read-only, whispers (the agent
// gets it, the patient never does) and barges in (the patient sees a supervisor joined).
// Screenshots go to BATON_SCREENSHOT_DIR when set.

const shots = process.env.BATON_SCREENSHOT_DIR;

async function screenshot(page: Page, name: string) {
  if (!shots) return;
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

async function startChat(page: Page, text: string) {
  await page.locator('button.launcher').click();
  await page.getByText('Hello Sam!', { exact: false }).waitFor({ timeout: 15_000 });
  const input = page.getByLabel('Your message');
  await input.fill(text);
  await input.press('Enter');
}

describe.skipIf(skipBrowserTests)('supervisor: bot conversations, drill-in, whisper, barge', () => {
  const secret = randomBytes(32).toString('hex');
  let browser: Browser;
  let portal: Portal;
  let server: TestServer;
  let agent: AgentClient | undefined;

  beforeAll(async () => {
    await buildConsoleApp();
    browser = await launchChromium();
    portal = await startPortal({}, { handoffTokenSecret: secret });
    server = await startServer(
      [
        {
          username: 'sophie',
          password: 'tableau de bord',
          displayName: 'Sophie Martin',
          roles: ['supervisor'],
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
    agent?.close();
    await browser?.close();
    await portal?.close();
    await server?.close();
  });

  it('watches a bot-only conversation appear and end as contained, then drills in, whispers and barges', async () => {
    const consolePage = await openPage(browser, `${server.url}/console/`);
    const page = consolePage.page;
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.getByLabel('User name').fill('sophie');
    await page.getByLabel('Password').fill('tableau de bord');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Live dashboard' }).waitFor({ timeout: 10_000 });

    // 1. A bot-only conversation appears, then ends as contained.
    const bot = await openPage(
      browser,
      portal.page('supervisor-bot', { data: { handoffServer: server.url } }),
    );
    await startChat(bot.page, 'What are your opening hours?');
    const botRow = page.locator('tr[data-stage="bot"]');
    await botRow.waitFor({ timeout: 15_000 });
    expect(await botRow.count()).toBe(1);
    await page.locator('[data-kpi="bot"] dd', { hasText: /^1$/ }).waitFor({ timeout: 10_000 });
    await screenshot(page, 'supervisor-bot-live');
    await bot.page.evaluate(() =>
      (window as unknown as { Baton(c: string): unknown }).Baton('destroy'),
    );
    const contained = page.locator('tr[data-stage="ended"]', { hasText: 'Contained by the bot' });
    await contained.waitFor({ timeout: 10_000 });
    expect(await page.locator('tr[data-stage="bot"]').count()).toBe(0);
    await page.locator('[data-kpi="bot"] dd', { hasText: /^0$/ }).waitFor({ timeout: 10_000 });

    // 2. A patient with an agent: the supervisor opens it, whispers, barges in.
    agent = await AgentClient.connect(
      server.url,
      await server.staffToken('amelie', ['agent'], ['general']),
    );
    const patient = await openPage(
      browser,
      portal.page('supervisor-handoff', { data: { handoffServer: server.url } }),
    );
    await startChat(patient.page, 'agent');
    const confirm = patient.page.getByRole('button', { name: 'Yes, connect me' });
    await Promise.race([
      confirm.click({ timeout: 10_000 }).catch(() => {}),
      patient.page.locator('.handoff-status').waitFor({ timeout: 10_000 }),
    ]);
    const upsert = await eventually(
      () => agent?.of('queue.update').find((f) => f.change.op === 'upsert'),
      'the queue item',
      15_000,
    );
    const conversationId = upsert.change.op === 'upsert' ? upsert.change.item.conversationId : '';
    agent.send('conversation.claim', { conversationId });
    await patient.page.getByText('joined the chat.').first().waitFor({ timeout: 10_000 });
    agent.say(conversationId, 'Hello Sam, this is Amelie.');
    await patient.page.locator('.msg.agent', { hasText: 'this is Amelie' }).waitFor();

    const row = page.locator(`tr[data-conversation-id="${conversationId}"][data-stage="agent"]`);
    await row.waitFor({ timeout: 10_000 });
    // Filters: by stage, then by agent.
    await page.getByLabel('Stage').selectOption('agent');
    expect(await page.locator('tbody tr[data-stage]').count()).toBe(1);
    await page.getByLabel('Stage').selectOption('');
    await row.getByRole('button', { name: /^Open the conversation with/ }).click();
    const drill = page.locator('.drill-in[data-conversation-id]');
    await drill.getByText('Hello Sam, this is Amelie.').waitFor({ timeout: 10_000 });
    expect(await axeViolations(page)).toEqual([]);
    // As in the agent's view, the chat log opens with the bot conversation before the handoff.
    expect(await drill.locator('[role=log] > .bot-transcript').count()).toBe(1);
    expect(await drill.locator('.conversation-side .bot-transcript').count()).toBe(0);
    // One patient, one row: her escalated bot conversation (ended long before the agent's
    // hello reached her) gave way to the handoff's row.
    expect(
      await page.locator('tr[data-stage="ended"]', { hasText: 'Handed to a person' }).count(),
    ).toBe(0);
    expect(await page.locator('tr[data-stage="ended"]').count()).toBe(1);

    await drill
      .getByLabel('Whisper to the agent (the patient never sees it)')
      .fill('Offer Tuesday first.');
    await drill.getByRole('button', { name: 'Whisper', exact: true }).click();
    await drill.locator('.chat-item.note', { hasText: 'Offer Tuesday first.' }).waitFor();
    await eventually(
      () => agent?.of('whisper').find((w) => w.text === 'Offer Tuesday first.'),
      'the whisper at the agent',
    );

    await drill.getByRole('button', { name: 'Join the conversation' }).click();
    await patient.page
      .getByText('A supervisor joined the chat: Sophie Martin.')
      .waitFor({ timeout: 10_000 });
    await drill.getByLabel('Message to the patient').fill('Hello, I am Sophie.');
    await drill.getByRole('button', { name: 'Send', exact: true }).click();
    await patient.page.locator('.msg.agent', { hasText: 'Hello, I am Sophie.' }).waitFor();
    // The whisper never reached the patient's page.
    // (Locators pierce the widget's shadow root; the thread holds Sophie's message.)
    expect(await patient.page.locator('.msg.agent', { hasText: 'Offer Tuesday' }).count()).toBe(0);
    expect(await patient.page.getByText('Offer Tuesday', { exact: false }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'supervisor-drill-in');
    await screenshot(patient.page, 'widget-supervisor-joined');

    // 3. Closing the drill-in takes her out of the conversation's room at once (the agent's
    //    connection stays in it).
    const room = () =>
      server.server.io.of('/agent').adapter.rooms.get(`conversation:${conversationId}`)?.size;
    expect(room()).toBe(2);
    await drill.getByRole('button', { name: 'Close', exact: true }).click();
    await eventually(() => room() === 1, 'the supervisor leaving the room');
    expect(await page.locator('.drill-in').count()).toBe(0);
  });
});

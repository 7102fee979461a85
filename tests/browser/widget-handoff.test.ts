import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  AgentClient,
  eventually,
  startHandoffServer,
  type TestHandoffServer,
} from '../../packages/chat-widget/test/support/handoff-server';
import { type Browser, launchChromium, skipBrowserTests } from './support/chromium';
import { axeViolations, openPage } from './support/page';
import { type Portal, startPortal } from './support/portal-server';

// The human handoff in real Chromium: the script-tag widget on a portal page under the strict
// CSP, the Direct Line emulator (whose bot escalates when the patient types "agent"), the
// portal's session endpoint signing handoff tokens, a real handoff server (SQLite) on another
// origin named by `data-handoff-server`, and a real agent socket.

describe.skipIf(skipBrowserTests)('handoff from the script-tag widget in Chromium', () => {
  const secret = randomBytes(32).toString('hex');
  let browser: Browser;
  let portal: Portal;
  let server: TestHandoffServer | undefined;
  const agents: AgentClient[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
    portal = await startPortal({}, { handoffTokenSecret: secret });
  }, 120_000);

  afterEach(async () => {
    axeRuns = 0;
    for (const agent of agents.splice(0)) agent.close();
    await server?.close();
    server = undefined;
  });

  afterAll(async () => {
    await browser?.close();
    await portal?.close();
  });

  async function escalate(page: Page) {
    await page.locator('button.launcher').click();
    await page.getByText('Hello Sam!', { exact: false }).waitFor({ timeout: 15_000 });
    const input = page.getByLabel('Your message');
    await input.fill('agent');
    await input.press('Enter');
    // The widget may ask first (the patient asked for a person) unless the bot's
    // handoff.initiate arrived: either way the patient ends up queued.
    const confirm = page.getByRole('button', { name: 'Yes, connect me' });
    await Promise.race([
      confirm.click({ timeout: 10_000 }).catch(() => {}),
      page.locator('.handoff-status').waitFor({ timeout: 10_000 }),
    ]);
  }

  // axe-core's own injected <style> is refused by the page's CSP (one report per run): the
  // widget's CSP record is checked before each run, with the runs so far allowed for.
  let axeRuns = 0;
  const AXE_STYLE = 'style-src-elem inline ';
  async function noAxeViolations(page: Page, state: string) {
    const csp = await page.evaluate(
      () => (window as unknown as { __violations?: string[] }).__violations ?? [],
    );
    expect(csp, `${state}: CSP`).toEqual(Array(axeRuns).fill(AXE_STYLE));
    const violations = await axeViolations(page);
    axeRuns += 1;
    expect(violations, `${state}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
  }

  it('queues, an agent claims and answers, the patient replies and sees the end', async () => {
    server = await startHandoffServer({ allowedOrigins: [portal.url] }, { patient: secret });
    const agent = await AgentClient.connect(server.url, await server.staffToken('amelie'));
    agents.push(agent);
    const url = portal.page('handoff', { data: { handoffServer: server.url } });
    const { page, problems, violations } = await openPage(browser, url);
    await escalate(page);

    await page
      .locator('.handoff-status', { hasText: 'You are number 1 in line.' })
      .waitFor({ timeout: 15_000 });
    await noAxeViolations(page, 'queued');

    const upsert = await eventually(
      () => agent.of('queue.update').find((f) => f.change.op === 'upsert'),
      'the queue item',
    );
    const conversationId = upsert.change.op === 'upsert' ? upsert.change.item.conversationId : '';
    agent.send('conversation.claim', { conversationId });
    await page.getByText('Amelie Roux joined the chat.').waitFor({ timeout: 10_000 });
    agent.say(conversationId, 'Hello Sam, this is Amelie. How can I help?');
    await page.locator('.msg.agent', { hasText: 'How can I help?' }).waitFor({ timeout: 10_000 });
    expect(await page.locator('.msg.agent .avatar').first().textContent()).toBe('AR');

    const input = page.getByLabel('Your message');
    await input.fill('My prescription, please.');
    await input.press('Enter');
    await eventually(
      () =>
        agent
          .of('message')
          .some((m) => m.from === 'patient' && m.text === 'My prescription, please.'),
      'the patient message at the agent',
    );
    await eventually(() => agent.of('read').length > 0, 'a read receipt at the agent');
    await noAxeViolations(page, 'with an agent');

    agent.send('conversation.end', { conversationId, reason: 'resolved' });
    await page.getByRole('button', { name: 'Back to the assistant' }).waitFor({ timeout: 10_000 });
    await noAxeViolations(page, 'ended');

    expect(await violations(), `axe runs: ${axeRuns}`).toEqual(Array(axeRuns).fill(AXE_STYLE));
    expect(problems.filter((p) => !p.includes('Applying inline style violates'))).toEqual([]);
    await page.close();
  });

  it('a reload during the handoff shows the panel open, each message at its time, and Seen', async () => {
    server = await startHandoffServer({ allowedOrigins: [portal.url] }, { patient: secret });
    const agent = await AgentClient.connect(server.url, await server.staffToken('amelie'));
    agents.push(agent);
    const url = portal.page('handoff-reload', { data: { handoffServer: server.url } });
    const { page, problems } = await openPage(browser, url);
    await escalate(page);
    const upsert = await eventually(
      () => agent.of('queue.update').find((f) => f.change.op === 'upsert'),
      'the queue item',
    );
    const conversationId = upsert.change.op === 'upsert' ? upsert.change.item.conversationId : '';
    agent.send('conversation.claim', { conversationId });
    await page.getByText('Amelie Roux joined the chat.').waitFor({ timeout: 10_000 });
    agent.say(conversationId, 'Hello Sam, how can I help?');
    await page.locator('.msg.agent', { hasText: 'how can I help?' }).waitFor({ timeout: 10_000 });
    const input = page.getByLabel('Your message');
    await input.fill('My prescription, please.');
    await input.press('Enter');
    const sent = await eventually(
      () => agent.of('message').find((m) => m.from === 'patient'),
      'the patient message at the agent',
    );
    agent.send('read', { conversationId, upToSeq: sent.seq });
    const mine = page.locator('.msg.patient', { hasText: 'My prescription' });
    await mine.locator('.meta', { hasText: 'Seen' }).waitFor({ timeout: 10_000 });
    const times = () =>
      page
        .locator('.msg.agent time, .msg.patient time')
        .evaluateAll((all) => all.map((t) => t.getAttribute('datetime')));
    const before = await times();
    const left = Date.now();
    await expect.poll(() => Date.now()).toBeGreaterThan(left + 20);

    await page.reload();
    await page.getByRole('dialog').waitFor({ timeout: 15_000 });
    await mine.waitFor({ timeout: 15_000 });
    await mine.locator('.meta', { hasText: 'Seen' }).waitFor({ timeout: 10_000 });
    // Replayed with the times they were sent (the patient's own message: the server's commit
    // time, a few ms after the one shown as she sent it), not the time of the reload.
    await expect.poll(async () => (await times()).length, { timeout: 10_000 }).toBe(before.length);
    const after = await times();
    after.forEach((at, index) => {
      expect(Date.parse(at ?? '')).toBeLessThan(left);
      expect(Math.abs(Date.parse(at ?? '') - Date.parse(before[index] ?? ''))).toBeLessThan(1000);
    });
    await formScreenshot(page, 'widget-handoff-after-reload-seen');
    expect(problems.filter((p) => !p.includes('Applying inline style violates'))).toEqual([]);
    await page.close();
  });

  // The forms as laid out in the 380 px panel (BATON_SCREENSHOT_DIR, else the artefacts folder).
  async function formScreenshot(page: Page, name: string) {
    const dir = process.env.BATON_SCREENSHOT_DIR ?? join(__dirname, 'artifacts', 'widget');
    mkdirSync(dir, { recursive: true });
    await page.locator('section.panel').screenshot({ path: join(dir, `${name}.png`) });
  }

  it('offers the fallbacks when nobody answers in time, accessibly', async () => {
    server = await startHandoffServer(
      {
        allowedOrigins: [portal.url],
        timeouts: { queueTimeoutMs: 300 },
        fallbacks: ['leave-message', 'callback', 'appointment'],
      },
      { patient: secret },
    );
    const url = portal.page('handoff-fallback', { data: { handoffServer: server.url } });
    const { page, problems, violations } = await openPage(browser, url);
    await escalate(page);
    await page.getByRole('button', { name: 'Request a callback' }).waitFor({ timeout: 15_000 });
    // A form that opens below the panel's fold scrolls into view, and its field spans the form
    // (the composer's `form` rule once pushed it into a narrow column on the right).
    await page.getByRole('button', { name: 'Leave a message' }).click();
    const message = page.locator('textarea[name=baton-leave-message]');
    const layout = await message.evaluate((field) => {
      const box = field.getBoundingClientRect();
      const form = (field.closest('form') as HTMLFormElement).getBoundingClientRect();
      const panel = (field.closest('.handoff') as HTMLElement).getBoundingClientRect();
      return {
        widthShare: box.width / form.width,
        inView: box.top >= panel.top && box.bottom <= panel.bottom,
      };
    });
    expect(layout.widthShare).toBeGreaterThan(0.8);
    expect(layout.inView).toBe(true);
    await formScreenshot(page, 'widget-fallback-leave-message-form');
    await page.getByRole('button', { name: 'Request a callback' }).click();
    const phone = page.getByLabel('Phone number', { exact: false });
    await formScreenshot(page, 'widget-fallback-callback-form');
    await phone.fill('12345');
    await page.getByRole('button', { name: 'Send', exact: true }).first().click();
    expect(await phone.getAttribute('aria-invalid')).toBe('true');
    await noAxeViolations(page, 'fallback form with an error');
    await phone.fill('+33 6 12 34 56 78');
    await page.locator('.followup form button[type=submit]').click();
    await page.getByText('Thank you, we have your request.').waitFor({ timeout: 10_000 });
    expect(await violations(), `axe runs: ${axeRuns}`).toEqual(Array(axeRuns).fill(AXE_STYLE));
    expect(problems.filter((p) => !p.includes('Applying inline style violates'))).toEqual([]);
    await page.close();
  });

  it('tells the patient plainly when the agent is gone past her grace period: back in the queue, first in line', async () => {
    server = await startHandoffServer(
      { allowedOrigins: [portal.url], timeouts: { agentGraceMs: 500 } },
      { patient: secret },
    );
    const agent = await AgentClient.connect(server.url, await server.staffToken('amelie'));
    agents.push(agent);
    const url = portal.page('handoff-grace', { data: { handoffServer: server.url } });
    const { page, problems } = await openPage(browser, url);
    await escalate(page);
    const upsert = await eventually(
      () => agent.of('queue.update').find((f) => f.change.op === 'upsert'),
      'the queue item',
    );
    const conversationId = upsert.change.op === 'upsert' ? upsert.change.item.conversationId : '';
    agent.send('conversation.claim', { conversationId });
    agent.say(conversationId, 'Hello Sam, one moment please.');
    await page.locator('.msg.agent', { hasText: 'one moment' }).waitFor({ timeout: 10_000 });
    // The agent's connection drops and she does not come back.
    agent.close();
    await page
      .getByText('Your agent was disconnected. You are back in the queue, first in line.')
      .waitFor({ timeout: 10_000 });
    await page
      .locator('.handoff-status', { hasText: 'You are number 1 in line.' })
      .waitFor({ timeout: 10_000 });
    // The notice stays in view under the status, now two lines high.
    const notice = page.getByText('Your agent was disconnected.', { exact: false });
    const shown = await notice.evaluate((element) => {
      const box = element.getBoundingClientRect();
      const log = (element.closest('[role=log]') as HTMLElement).getBoundingClientRect();
      return box.bottom <= log.bottom + 1;
    });
    expect(shown).toBe(true);
    // Nothing written is lost.
    expect(await page.locator('.msg.agent', { hasText: 'one moment' }).count()).toBe(1);
    await noAxeViolations(page, 'requeued');
    expect(problems.filter((p) => !p.includes('Applying inline style violates'))).toEqual([]);
    await page.close();
  });
});

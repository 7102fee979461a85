import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AgentClient,
  eventually,
  startHandoffServer,
  type TestHandoffServer,
} from '../../packages/chat-widget/test/support/handoff-server';
import { type Browser, launchChromium, skipBrowserTests } from './support/chromium';
import { openPage } from './support/page';
import { type Portal, startPortal } from './support/portal-server';

// Two (then three) tabs of one portal in one Chromium profile: one bot conversation, one
// handoff. The second tab joins the first tab's conversation; a handoff either tab asks for
// is started once and shown in both; the second tab's message reaches the agent; closing the
// first tab (which held the tabs' lock) hands over, and a third tab still finds the chat.
// Storage keeps only the opaque resume handle: no text, no token.

describe.skipIf(skipBrowserTests)('one conversation across tabs of the portal', () => {
  const secret = randomBytes(32).toString('hex');
  let browser: Browser;
  let portal: Portal;
  let server: TestHandoffServer;
  let agent: AgentClient;

  beforeAll(async () => {
    browser = await launchChromium();
    portal = await startPortal({}, { handoffTokenSecret: secret });
    server = await startHandoffServer({ allowedOrigins: [portal.url] }, { patient: secret });
    agent = await AgentClient.connect(server.url, await server.staffToken('amelie'));
  }, 120_000);

  afterAll(async () => {
    agent?.close();
    await server?.close();
    await browser?.close();
    await portal?.close();
  });

  const greeting = (page: Page) => page.locator('.msg.bot', { hasText: 'Hello Sam!' });

  async function screenshot(page: Page, name: string) {
    const dir = process.env.BATON_SCREENSHOT_DIR ?? join(__dirname, 'artifacts', 'widget');
    mkdirSync(dir, { recursive: true });
    await page.locator('section.panel').screenshot({ path: join(dir, `${name}.png`) });
  }

  it('a second tab joins the chat and the handoff; closing the first hands over', async () => {
    const url = portal.page('tabs', { data: { handoffServer: server.url } });
    const first = await openPage(browser, url);
    const a = first.page;
    await a.locator('button.launcher').click();
    await greeting(a).waitFor({ timeout: 15_000 });

    const sessions = () => portal.requests.filter((path) => path === '/baton/session').length;
    const sessionsBefore = sessions();
    const second = await openPage(browser, url);
    const b = second.page;
    await b.locator('button.launcher').click();
    // The same conversation: the greeting replayed once, no second InitConversation.
    await greeting(b).waitFor({ timeout: 15_000 });
    // One session request from the second tab (the resume of the first tab's conversation):
    // its loader did not start a conversation of its own on the click, left unused.
    expect(sessions() - sessionsBefore).toBe(1);
    const input = b.getByLabel('Your message');
    await input.fill('agent');
    await input.press('Enter');
    // What the patient wrote in one tab shows in the other.
    await a.locator('.msg.patient', { hasText: 'agent' }).waitFor({ timeout: 10_000 });
    expect(await greeting(a).count()).toBe(1);
    expect(await greeting(b).count()).toBe(1);
    const confirm = b.getByRole('button', { name: 'Yes, connect me' });
    await Promise.race([
      confirm.click({ timeout: 10_000 }).catch(() => {}),
      b.locator('.handoff-status').waitFor({ timeout: 10_000 }),
    ]);
    for (const page of [a, b])
      await page
        .locator('.handoff-status', { hasText: 'You are number 1 in line.' })
        .waitFor({ timeout: 15_000 });
    const upsert = await eventually(
      () => agent.of('queue.update').find((f) => f.change.op === 'upsert'),
      'the queue item',
    );
    const conversationId = upsert.change.op === 'upsert' ? upsert.change.item.conversationId : '';
    agent.send('conversation.claim', { conversationId });
    for (const page of [a, b])
      await page.getByText('Amelie Roux joined the chat.').waitFor({ timeout: 10_000 });
    // One handoff for both tabs: every upsert names the same conversation.
    const ids = new Set(
      agent
        .of('queue.update')
        .map((f) => (f.change.op === 'upsert' ? f.change.item.conversationId : conversationId)),
    );
    expect([...ids]).toEqual([conversationId]);

    await input.fill('Written in the second tab');
    await input.press('Enter');
    await eventually(
      () =>
        agent
          .of('message')
          .some((m) => m.from === 'patient' && m.text === 'Written in the second tab'),
      'the second tab message at the agent',
    );
    await a.locator('.msg.patient', { hasText: 'Written in the second tab' }).waitFor({
      timeout: 10_000,
    });
    agent.say(conversationId, 'I see both of your tabs.');
    for (const page of [a, b])
      await page.locator('.msg.agent', { hasText: 'both of your tabs' }).waitFor({
        timeout: 10_000,
      });
    await screenshot(b, 'widget-second-tab-with-agent');

    // Nothing but the opaque handle in either tab's storage.
    for (const page of [a, b]) {
      const stored = await page.evaluate(() =>
        JSON.stringify({ ...sessionStorage, ...localStorage }),
      );
      expect(stored).not.toContain('both of your tabs');
      expect(stored).not.toContain('second tab');
      expect(stored).not.toMatch(/eyJ[\w-]+\.[\w-]+/); // no JWT
    }

    // The first tab held the tabs' lock: closing it hands over, a third tab still joins.
    await a.close();
    const third = await openPage(browser, url);
    const c = third.page;
    await c.locator('button.launcher').click();
    await c.getByText('Amelie Roux joined the chat.').waitFor({ timeout: 15_000 });
    await c.locator('.msg.agent', { hasText: 'both of your tabs' }).waitFor({ timeout: 10_000 });
    const inputC = c.getByLabel('Your message');
    await inputC.fill('And from a third tab');
    await inputC.press('Enter');
    await eventually(
      () =>
        agent.of('message').some((m) => m.from === 'patient' && m.text === 'And from a third tab'),
      'the third tab message at the agent',
    );
    await b.locator('.msg.patient', { hasText: 'And from a third tab' }).waitFor({
      timeout: 10_000,
    });
    const problems = [...first.problems, ...second.problems, ...third.problems];
    expect(problems.filter((p) => !p.includes('Applying inline style violates'))).toEqual([]);
    await b.close();
    await c.close();
  }, 120_000);

  it('a tab opened before the other started its chat, reached by keyboard, joins without a conversation of its own', async () => {
    const url = portal.page('tabs-keyboard', { data: { handoffServer: server.url } });
    // Both tabs are loaded while neither has a conversation: the second tab's launcher asked
    // the tabs' lock at page load and got "nobody".
    const second = await openPage(browser, url);
    const b = second.page;
    await b.locator('button.launcher').waitFor();
    const first = await openPage(browser, url);
    const a = first.page;
    await a.locator('button.launcher').click();
    await greeting(a).waitFor({ timeout: 15_000 });

    const sessions = () => portal.requests.filter((path) => path === '/baton/session').length;
    const sessionsBefore = sessions();
    // The patient comes back to the second tab and reaches the launcher with the keyboard:
    // focus asks the lock again, so the click (Enter) knows the first tab has the chat.
    await b.bringToFront();
    await b.locator('button.launcher').focus();
    await b.locator('button.launcher').press('Enter');
    await greeting(b).waitFor({ timeout: 15_000 });
    // One session request: the resume of the first tab's conversation, none started unused.
    expect(sessions() - sessionsBefore).toBe(1);
    expect(await greeting(b).count()).toBe(1);
    await a.close();
    await b.close();
  }, 120_000);
});

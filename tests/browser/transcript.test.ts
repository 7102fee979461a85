import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  AgentClient,
  eventually,
  startHandoffServer,
  type TestHandoffServer,
} from '../../packages/chat-widget/test/support/handoff-server';
import { type Browser, launchChromium, skipBrowserTests } from './support/chromium';
import { openPage } from './support/page';
import { type Portal, startPortal } from './support/portal-server';

// Issue #12 items 2 and 3 in real Chromium: the patient answers an Adaptive Card, then a red
// flag escalates; the agent gets the answers as the patient gave them ("Age: 54") and what
// the emergency banner told the patient, and the bot's advice given after the request; the
// agent's markdown reaches the patient rendered.

describe.skipIf(skipBrowserTests)('transcript fidelity and markdown in Chromium', () => {
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
    for (const agent of agents.splice(0)) agent.close();
    await server?.close();
    server = undefined;
  });

  afterAll(async () => {
    await browser?.close();
    await portal?.close();
  });

  it('card answers and the red flag reach the agent; the agent’s **bold** is bold', async () => {
    server = await startHandoffServer({ allowedOrigins: [portal.url] }, { patient: secret });
    const agent = await AgentClient.connect(server.url, await server.staffToken('amelie'));
    agents.push(agent);
    const url = portal.page('transcript', { data: { handoffServer: server.url } });
    const { page, problems } = await openPage(browser, url);
    await page.locator('button.launcher').click();
    await page.getByText('Hello Sam!', { exact: false }).waitFor({ timeout: 15_000 });
    const input = page.getByLabel('Your message');
    await input.fill('show cards');
    await input.press('Enter');
    await page.getByRole('button', { name: 'Submit answers' }).waitFor({ timeout: 10_000 });
    await page.getByLabel('Age', { exact: true }).fill('54');
    await page.getByLabel('Several days').check();
    await page.getByRole('button', { name: 'Submit answers' }).click();
    await input.fill('I have chest pain');
    await input.press('Enter');
    await page.locator('.emergency').waitFor({ timeout: 10_000 });

    const upsert = await eventually(
      () => agent.of('queue.update').find((f) => f.change.op === 'upsert'),
      'the queue item',
    );
    const conversationId = upsert.change.op === 'upsert' ? upsert.change.item.conversationId : '';
    agent.send('conversation.claim', { conversationId });
    const assigned = await eventually(
      () => agent.of('conversation.assigned')[0],
      'the assignment with the request',
    );
    const texts = assigned.request.transcript.entries.map((e) => `${e.from}: ${e.text ?? ''}`);
    expect(texts).toContain('patient: Age: 54, Since when?: Several days, I have a fever: false');
    expect(assigned.request.priority).toBe('emergency');
    expect(assigned.request.triage?.basis).toBe('red-flag');
    expect(assigned.request.reason.guidance?.text).toMatch(/^Call \S+ now/);

    await page.getByText('Amelie Roux joined the chat.').waitFor({ timeout: 10_000 });
    // The bot's emergency advice came after the request: appended to the log, as the bot's.
    agent.send('conversation.open', { conversationId });
    const advice = await eventually(() => {
      const log = agent.of('conversation.transcript')[0]?.log ?? [];
      return [...log, ...agent.of('message')].find(
        (entry) => entry.from === 'bot' && /may be an emergency/.test(entry.text ?? ''),
      );
    }, 'the bot advice given after the request');
    expect(advice.textFormat).toBe('markdown');
    agent.send('message', {
      conversationId,
      clientMessageId: 'md-1',
      text: 'Please **stay seated** and keep this chat open.',
      textFormat: 'markdown',
    });
    const bold = page.locator('.msg.agent strong', { hasText: 'stay seated' });
    await bold.waitFor({ timeout: 10_000 });
    expect(await page.locator('.msg.agent', { hasText: '**' }).count()).toBe(0);
    const dir = process.env.BATON_SCREENSHOTS_DIR;
    if (dir) await page.screenshot({ path: `${dir}/widget-markdown.png` });
    expect(problems.filter((p) => !p.includes('Applying inline style violates'))).toEqual([]);
    await page.close();
  });
});

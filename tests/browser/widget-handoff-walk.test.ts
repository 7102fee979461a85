import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Survey } from '@baton/handoff-protocol';
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

// The handoff as a patient walks it, in real Chromium: her own printed copy of the chat, the
// end-of-chat survey when the page was reloaded during the chat, and a plain message when
// the server refuses one connection too many.

const SURVEY: Survey = {
  id: 'csat-walk',
  title: 'How did we do?',
  questions: [
    { id: 'overall', kind: 'rating', prompt: 'Overall, how satisfied are you?', required: true },
    { id: 'comment', kind: 'free-text', prompt: 'Anything else?', required: false },
  ],
};

const dir = process.env.BATON_SCREENSHOT_DIR ?? join(__dirname, 'artifacts', 'widget');
async function screenshot(page: Page, name: string) {
  mkdirSync(dir, { recursive: true });
  await page.locator('section.panel').screenshot({ path: join(dir, `${name}.png`) });
}

const clean = (problems: string[]) =>
  problems.filter((p) => !p.includes('Applying inline style violates'));

describe.skipIf(skipBrowserTests)('the handoff as a patient walks it', () => {
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

  async function escalate(page: Page) {
    await page.locator('button.launcher').click();
    await page.getByText('Hello Sam!', { exact: false }).waitFor({ timeout: 15_000 });
    const input = page.getByLabel('Your message');
    await input.fill('agent');
    await input.press('Enter');
    const confirm = page.getByRole('button', { name: 'Yes, connect me' });
    await Promise.race([
      confirm.click({ timeout: 10_000 }).catch(() => {}),
      page.locator('.handoff-status').waitFor({ timeout: 10_000 }),
    ]);
  }

  async function claimed(page: Page, agent: AgentClient): Promise<string> {
    const upsert = await eventually(
      () => agent.of('queue.update').find((f) => f.change.op === 'upsert'),
      'the queue item',
    );
    const conversationId = upsert.change.op === 'upsert' ? upsert.change.item.conversationId : '';
    agent.send('conversation.claim', { conversationId });
    await page.getByText('Amelie Roux joined the chat.').waitFor({ timeout: 10_000 });
    return conversationId;
  }

  it('prints (or saves) her own copy of the chat with the person', async () => {
    server = await startHandoffServer({ allowedOrigins: [portal.url] }, { patient: secret });
    const agent = await AgentClient.connect(server.url, await server.staffToken('amelie'));
    agents.push(agent);
    const { page, problems } = await openPage(
      browser,
      portal.page('walk-print', { data: { handoffServer: server.url } }),
    );
    // The print dialog cannot be driven headless: the frame's print() records what it holds.
    await page.addInitScript(() => {
      const view = Object.getOwnPropertyDescriptor(HTMLIFrameElement.prototype, 'contentWindow');
      Object.defineProperty(HTMLIFrameElement.prototype, 'contentWindow', {
        get(this: HTMLIFrameElement) {
          const inner = view?.get?.call(this) as Window | null;
          if (inner)
            inner.print = () => {
              const w = window as unknown as { __printed?: string[] };
              w.__printed = [...(w.__printed ?? []), inner.document.body.textContent ?? ''];
            };
          return inner;
        },
      });
    });
    await page.reload();
    await escalate(page);
    const conversationId = await claimed(page, agent);
    agent.say(conversationId, 'Your prescription is ready at the front desk.');
    await page.locator('.msg.agent', { hasText: 'front desk' }).waitFor({ timeout: 10_000 });
    await screenshot(page, 'widget-print-or-save');
    await page.getByRole('button', { name: 'Print or save' }).click();
    const printed = await page
      .waitForFunction(() => (window as unknown as { __printed?: string[] }).__printed?.[0])
      .then((handle) => handle.jsonValue() as Promise<string>);
    expect(printed).toContain('Patient assistant');
    expect(printed).toContain('Hello Sam!');
    expect(printed).toContain('agent');
    expect(printed).toContain('Your prescription is ready at the front desk.');
    expect(printed).toContain('Amelie Roux');
    expect(clean(problems)).toEqual([]);
    await page.close();
  });

  it('gets the end-of-chat survey when the page was reloaded during the chat', async () => {
    server = await startHandoffServer(
      { allowedOrigins: [portal.url], followups: { surveyOnEnd: SURVEY } },
      { patient: secret },
    );
    const agent = await AgentClient.connect(server.url, await server.staffToken('amelie'));
    agents.push(agent);
    const { page, problems } = await openPage(
      browser,
      portal.page('walk-survey', { data: { handoffServer: server.url } }),
    );
    await escalate(page);
    const conversationId = await claimed(page, agent);
    await page.reload();
    await page.getByText('Amelie Roux joined the chat.').waitFor({ timeout: 15_000 });
    agent.send('conversation.end', { conversationId, reason: 'resolved' });
    const submit = page.getByRole('button', { name: 'Send my answers' });
    await submit.waitFor({ timeout: 10_000 });
    // In a 500 px panel (the demo portal's at 1280x720), the survey scrolls in its own area:
    // the composer and Send stay whole at the panel's foot.
    await page.setViewportSize({ width: 1280, height: 620 });
    const foot = await page.evaluate(async () => {
      for (let frame = 0; frame < 2; frame++) await new Promise(requestAnimationFrame);
      const root = document.querySelector('[data-baton]')?.shadowRoot;
      const bottom = (selector: string) =>
        root?.querySelector(selector)?.getBoundingClientRect().bottom ?? Number.NaN;
      return {
        panel: bottom('section.panel'),
        input: bottom('#baton-input'),
        send: bottom('button.send'),
      };
    });
    expect(foot.input).toBeLessThanOrEqual(foot.panel);
    expect(foot.send).toBeLessThanOrEqual(foot.panel);
    await screenshot(page, 'widget-survey-after-reload');
    expect(await axeViolations(page)).toEqual([]);
    // A reload while the survey waits for an answer: it is still there to answer.
    await page.reload();
    await submit.waitFor({ timeout: 15_000 });
    await page.getByRole('radio').first().check();
    await submit.click();
    await page.getByText('Thank you for your feedback.').waitFor({ timeout: 10_000 });
    // The form that held focus is gone: focus is on the thanks, not lost to the page.
    const focused = await page.evaluate(
      () => document.querySelector('[data-baton]')?.shadowRoot?.activeElement?.textContent,
    );
    expect(focused).toBe('Thank you for your feedback.');
    // Answered: a reload no longer brings the ended chat back.
    const key = await page.evaluate(() => sessionStorage.getItem('baton.resume.v1') ?? '');
    expect(key).not.toContain('"handoff"');
    expect(clean(problems)).toEqual([]);
    await page.close();
  });

  it('says plainly when the server refuses one connection too many (not "not available")', async () => {
    // No connection allowed for the patient: the handoff's is refused as one too many. (With
    // one allowed, the bot-session report held it only until the server closes it after
    // `bot.ended`: a race with the handoff's connection.)
    server = await startHandoffServer(
      { allowedOrigins: [portal.url], fairUse: { maxConnectionsPerSubject: 0 } },
      { patient: secret },
    );
    const { page, problems } = await openPage(
      browser,
      portal.page('walk-rate-limited', { data: { handoffServer: server.url } }),
    );
    await escalate(page);
    const status = page.locator('.handoff-status', { hasText: 'Too many chat windows are open.' });
    await status.waitFor({ timeout: 15_000 });
    expect(await page.getByText('not available right now').count()).toBe(0);
    await screenshot(page, 'widget-too-many-connections');
    expect(clean(problems)).toEqual([]);
    await page.close();
  });
});

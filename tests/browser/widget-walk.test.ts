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
import { axeViolations, openPage } from './support/page';
import { type Portal, startPortal } from './support/portal-server';

// Findings of a patient's walk through the widget, in real Chromium: the emergency box (in
// place above the log, the number said once, gone once a person has joined), a card sent with
// a required answer missing (said, focused, announced), and the location button.

const dir = process.env.BATON_SCREENSHOT_DIR ?? join(__dirname, 'artifacts', 'widget');
async function screenshot(page: Page, name: string) {
  mkdirSync(dir, { recursive: true });
  await page.locator('section.panel').screenshot({ path: join(dir, `${name}.png`) });
}

describe.skipIf(skipBrowserTests)('the widget as a patient walks it', () => {
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

  async function start(page: Page) {
    await page.locator('button.launcher').click();
    await page.getByText('Hello Sam!', { exact: false }).waitFor({ timeout: 15_000 });
    return page.getByLabel('Your message');
  }

  const clean = (problems: string[]) =>
    problems.filter((p) => !p.includes('Applying inline style violates'));

  it('the emergency box sits above the log, says the number once, and goes when a person joins', async () => {
    const { page, problems } = await openPage(
      browser,
      portal.page('walk-emergency', { data: { handoffServer: server.url } }),
    );
    const input = await start(page);
    await input.fill('I have chest pain');
    await input.press('Enter');
    const box = page.locator('.emergency');
    await box.waitFor({ timeout: 10_000 });
    const layout = await box.evaluate((element) => {
      const panel = element.closest('.panel') as HTMLElement;
      const log = panel.querySelector('.log') as HTMLElement;
      return {
        boxBottom: element.getBoundingClientRect().bottom,
        logTop: log.getBoundingClientRect().top,
      };
    });
    expect(layout.boxBottom).toBeLessThanOrEqual(layout.logTop);
    const text = (await box.textContent()) ?? '';
    expect(text.match(/911/g)).toHaveLength(1);
    expect(await box.getByRole('link', { name: '911' }).getAttribute('href')).toBe('tel:911');
    // One "emergency" heading in the whole panel.
    const panelText = (await page.locator('section.panel').textContent()) ?? '';
    expect(panelText.match(/If this is an emergency/g)).toHaveLength(1);
    await screenshot(page, 'widget-emergency-box');
    expect(await axeViolations(page)).toEqual([]);

    const upsert = await eventually(
      () => agent.of('queue.update').find((f) => f.change.op === 'upsert'),
      'the queue item',
    );
    const conversationId = upsert.change.op === 'upsert' ? upsert.change.item.conversationId : '';
    agent.send('conversation.claim', { conversationId });
    await page.getByText('Amelie Roux joined the chat.').waitFor({ timeout: 10_000 });
    await box.waitFor({ state: 'detached', timeout: 10_000 });
    await screenshot(page, 'widget-emergency-agent-joined');
    agent.send('conversation.end', { conversationId, reason: 'resolved' });
    await page.getByRole('button', { name: 'Back to the assistant' }).waitFor({ timeout: 10_000 });
    expect(clean(problems)).toEqual([]);
    await page.close();
  });

  it('a card sent with a required answer empty says what is missing, focuses it, announces it', async () => {
    const { page, problems } = await openPage(browser, portal.page('walk-card', {}));
    const input = await start(page);
    await input.fill('show form');
    await input.press('Enter');
    const send = page.getByRole('button', { name: 'Send details' });
    await send.waitFor({ timeout: 10_000 });
    await send.click();
    const alert = page.getByRole('alert').filter({ hasText: 'Please answer: Full name' });
    await alert.waitFor({ timeout: 5_000 });
    const name = page.getByLabel('Full name');
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    expect(
      await name.evaluate(
        (el) =>
          el.getRootNode() instanceof ShadowRoot &&
          (el.getRootNode() as ShadowRoot).activeElement === el,
      ),
    ).toBe(true);
    await screenshot(page, 'widget-card-required-missing');
    expect(await axeViolations(page)).toEqual([]);
    await name.fill('Sam Carter');
    await send.click();
    await alert.waitFor({ state: 'detached', timeout: 5_000 });
    expect(await name.getAttribute('aria-invalid')).toBeNull();
    expect(clean(problems)).toEqual([]);
    await page.close();
  });

  it('the bot asks for the location: a button shares it when the host allows it', async () => {
    await browser.context.grantPermissions(['geolocation'], { origin: portal.url });
    await browser.context.setGeolocation({ latitude: 45.5, longitude: -73.6 });
    const { page, problems } = await openPage(
      browser,
      portal.page('walk-location', { data: { shareLocation: 'true' } }),
    );
    const input = await start(page);
    await input.fill('near me');
    await input.press('Enter');
    const share = page.getByRole('button', { name: 'Share my location' });
    await share.waitFor({ timeout: 10_000 });
    await screenshot(page, 'widget-location-button');
    await share.click();
    await page.getByText('The nearest clinic is Riverside', { exact: false }).waitFor({
      timeout: 10_000,
    });
    expect(await share.count()).toBe(0);

    // Not now: the bot is told no quietly, and goes on.
    await input.fill('near me');
    await input.press('Enter');
    await page.getByRole('button', { name: 'Not now' }).click();
    await page.getByText('I will not use your location', { exact: false }).waitFor({
      timeout: 10_000,
    });
    // The patient reads what she chose; the bot got its word for no.
    await page.locator('.msg.patient', { hasText: 'Not now' }).waitFor();
    expect(await page.locator('.msg.patient', { hasText: /^no$/ }).count()).toBe(0);
    expect(clean(problems)).toEqual([]);
    await page.close();
  });
});

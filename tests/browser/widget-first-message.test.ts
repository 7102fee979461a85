import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, launchChromium, skipBrowserTests } from './support/chromium';
import { openPage } from './support/page';
import { type Portal, startPortal } from './support/portal-server';

// The first bot message without needless round trips after the click, in Chromium: the
// loader sends the session request beside the widget's download, the widget chunk is the
// widget (no re-export facade), and the portal's session endpoint has already started the
// Direct Line conversation and taken the bot's first turn, so the browser shows the greeting
// as soon as the widget runs and only opens the stream. The Direct Line client is a chunk of
// its own, fetched once the greeting is on screen. Resume after a reload and recovery from an
// expired token still work on that path.

// Screenshots go to BATON_SCREENSHOT_DIR, else tests/browser/artifacts/widget (git-ignored).
const shots = process.env.BATON_SCREENSHOT_DIR ?? join(__dirname, 'artifacts', 'widget');

async function screenshot(page: Page, name: string) {
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: join(shots, `${name}.png`) });
}

const SESSION = '/baton/session';
const WIDGET = '/baton/chunks/baton-widget.js';
const DIRECT_LINE = /^\/baton\/chunks\/direct-line-client-[\w-]+\.js$/;

describe.skipIf(skipBrowserTests)('first message after the click, in Chromium', () => {
  let browser: Browser;
  let portal: Portal;
  // The widget chunk is held until a session request arrives: a loader that waited for the
  // widget before asking for a session would never get it.
  let sessionArrived = () => {};
  let sessionSeen = new Promise<void>((resolve) => {
    sessionArrived = resolve;
  });
  // The Direct Line client's chunk is held until the first test has seen the greeting.
  let releaseDirectLine = () => {};
  const directLineHeld = new Promise<void>((resolve) => {
    releaseDirectLine = resolve;
  });

  beforeAll(async () => {
    browser = await launchChromium();
    portal = await startPortal(
      { tokenTtlSeconds: 6 },
      {
        onRequest: (path) => {
          if (path === SESSION) sessionArrived();
          if (DIRECT_LINE.test(path)) return directLineHeld;
          return path === WIDGET ? sessionSeen : undefined;
        },
      },
    );
  }, 120_000);

  afterAll(async () => {
    releaseDirectLine();
    await browser?.close();
    await portal?.close();
  });

  const directLineCalls = (page: Page) => {
    const calls: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname.startsWith('/v3/directline/'))
        calls.push(
          `${request.method()} ${url.pathname.replace(/conversations\/[^/]+/, 'conversations/{id}')}`,
        );
    });
    return calls;
  };
  const sessions = () => portal.requests.filter((path) => path === SESSION).length;
  const conversationId = (page: Page) =>
    page.evaluate(
      () =>
        (window as unknown as { __batonReady?: { conversationId?: string } }).__batonReady
          ?.conversationId,
    );

  it('asks for the session with the click, beside the widget, once, and starts no conversation itself', async () => {
    const { page, problems } = await openPage(browser, portal.page('first', {}));
    const calls = directLineCalls(page);
    const sockets: string[] = [];
    page.on('websocket', (socket) => sockets.push(socket.url()));
    await page.locator('button.launcher').waitFor();
    const before = sessions();
    await page.locator('button.launcher').click();
    // Shown while the Direct Line client's chunk is still held: the greeting waits for the
    // widget and the session only.
    await page.getByText('Hello Sam!', { exact: false }).waitFor({ timeout: 15_000 });
    await screenshot(page, 'widget-first-message');
    await expect.poll(() => portal.requests.some((p) => DIRECT_LINE.test(p))).toBe(true);
    expect(sockets).toEqual([]);
    // What the patient picks before the client is there is sent once it is.
    await page.getByRole('button', { name: 'Appointments' }).click();
    releaseDirectLine();
    // The greeting is two bot messages; the bot's answer to "Appointments" is the third.
    await expect
      .poll(() => page.locator('.msg.bot').count(), { timeout: 15_000 })
      .toBeGreaterThan(2);
    // One session request: the loader's, which the widget used (it asked for the same).
    expect(sessions()).toBe(before + 1);
    const widgetAt = portal.requests.lastIndexOf(WIDGET);
    const sessionAt = portal.requests.lastIndexOf(SESSION);
    expect(Math.abs(widgetAt - sessionAt)).toBe(1);
    // No facade chunk before the widget, no conversation start from the browser: the widget,
    // then the Direct Line client.
    const chunks = portal.requests.filter((p) => p.startsWith('/baton/chunks/'));
    expect(chunks).toHaveLength(2);
    expect(chunks[0]).toBe(WIDGET);
    expect(chunks[1]).toMatch(DIRECT_LINE);
    // No Direct Line request from the browser but the patient's own message: the session
    // endpoint started the conversation and posted InitConversation; the greeting came with
    // the session, and the browser only opened the stream.
    expect(calls).toEqual(['POST /v3/directline/conversations/{id}/activities']);
    expect(sockets).toHaveLength(1);
    expect(sockets[0]).toMatch(/\/v3\/directline\/conversations\/[^/]+\/stream\?/);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('resumes after a reload with the panel open: the early request carries the resume', async () => {
    const { page, problems } = await openPage(browser, portal.page('reload', {}));
    await page.locator('button.launcher').click();
    await page.getByText('Hello Sam!', { exact: false }).waitFor({ timeout: 15_000 });
    await expect.poll(() => conversationId(page)).toBeTruthy();
    const first = await conversationId(page);
    sessionSeen = new Promise<void>((resolve) => {
      sessionArrived = resolve;
    });
    const before = sessions();
    await page.reload();
    // The panel was open: the loader reopens it and resumes the same conversation.
    await expect.poll(() => conversationId(page), { timeout: 15_000 }).toBe(first);
    await page.getByText('Hello Sam!', { exact: false }).waitFor({ timeout: 15_000 });
    expect(await page.getByText('Hello Sam!', { exact: false }).count()).toBe(1);
    await screenshot(page, 'widget-first-message-after-reload');
    expect(sessions()).toBe(before + 1);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('renews its short-lived token on the same conversation and keeps chatting', async () => {
    const { page, problems } = await openPage(browser, portal.page('expiry', {}));
    await page.locator('button.launcher').click();
    await page.getByText('Hello Sam!', { exact: false }).waitFor({ timeout: 15_000 });
    await expect.poll(() => conversationId(page)).toBeTruthy();
    const first = await conversationId(page);
    const before = sessions();
    // The widget renews a 6-second token at 80% of its life: a resume request for the same
    // conversation, and the client switches to the new token and stream.
    await expect.poll(() => sessions(), { timeout: 15_000 }).toBeGreaterThan(before);
    await page.getByRole('button', { name: 'Appointments' }).click();
    // The greeting is two bot messages; the answer after the renewal is the third.
    await expect
      .poll(() => page.locator('.msg.bot').count(), { timeout: 15_000 })
      .toBeGreaterThan(2);
    expect(await conversationId(page)).toBe(first);
    expect(problems).toEqual([]);
    await page.close();
  });
});

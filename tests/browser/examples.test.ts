import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TicketAdapter } from '../../examples/custom-adapter/src/ticket-adapter';
import { TicketBoard } from '../../examples/custom-adapter/src/ticket-board';
import { distDir } from '../../examples/npm-portal/build';
import { startNpmPortal } from '../../examples/npm-portal/server';
import { startScriptTagPortal } from '../../examples/script-tag/server';
import {
  eventually,
  startHandoffServer,
} from '../../packages/chat-widget/test/support/handoff-server';
import { type Browser, launchChromium, skipBrowserTests } from './support/chromium';
import { openPage } from './support/page';

// The examples, built and run as a newcomer would: the script-tag page, the npm portal built
// by its own bundler (esbuild, the widget from its published dist/: run `npm run build`
// first, as `npm test` does), and the custom adapter receiving a handoff from a patient in
// Chromium. Each page under the strict CSP.

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** The ticket system, with a note of each ticket opened (the board itself announces none). */
class WatchedTicketBoard extends TicketBoard {
  readonly opened: string[] = [];
  override open(subject: string, urgent: boolean) {
    const ticket = super.open(subject, urgent);
    this.opened.push(ticket.ticketId);
    return ticket;
  }
}

describe.skipIf(skipBrowserTests)('example portals in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('npm portal: its own button opens the widget, and its CSS cannot reach in', {
    timeout: 60_000,
  }, async () => {
    const portal = await startNpmPortal();
    // What the portal's own bundler made from the package (no plugin, no alias): its entry
    // and the chunks that entry imports statically (the widget, Direct Line's client without
    // its streaming part, preact, the protocol modules used). 53 KB gzip with esbuild 0.28.
    const entry = readFileSync(join(distDir, 'app.js'), 'utf8');
    const statics = [...entry.matchAll(/(?:from|import)\s*"\.\/(chunks\/[^"]+)"/g)].map((m) =>
      readFileSync(join(distDir, m[1] as string)),
    );
    expect(statics.length).toBeGreaterThan(0);
    const loaded = [Buffer.from(entry), ...statics];
    expect(loaded.some((code) => code.includes('botframework-streaming'))).toBe(false);
    expect(loaded.reduce((sum, code) => sum + gzipSync(code).length, 0)).toBeLessThanOrEqual(
      54 * 1024,
    );
    try {
      const { page, problems, violations } = await openPage(browser, portal.url);
      const launcher = page.locator('button.launcher');
      await launcher.waitFor();
      // the portal styles every button red, 40px, Comic Sans: not the widget's
      const style = await launcher.evaluate((el) => {
        const s = getComputedStyle(el);
        return {
          fontSize: s.fontSize,
          color: s.color,
          font: s.fontFamily,
          background: s.backgroundColor,
        };
      });
      expect(style.fontSize).toBe('16px');
      expect(style.color).not.toBe('rgb(255, 0, 0)');
      expect(style.font).toContain('Georgia');
      expect(style.background).toBe('rgb(29, 92, 58)'); // theme.primary from the options
      await page.locator('#contact-us').click();
      await page.getByText('Hello Jordan!', { exact: false }).waitFor({ timeout: 15_000 });
      await expect.poll(() => page.evaluate(() => document.body.dataset.chatReady)).toBe('yes');
      await page.locator('textarea').fill('I want to talk to a person');
      await page.keyboard.press('Enter');
      // the widget would ask first, but the bot hands off by itself (handoff.initiate), on
      // the patient's request (its handoff context says so)
      await expect
        .poll(() => page.evaluate(() => document.body.dataset.escalated), { timeout: 10_000 })
        .toMatch(/^patient-requested:routine:\d+$/);
      expect(await page.getByRole('button', { name: 'Yes, connect me' }).count()).toBe(0);
      expect(Number(await page.evaluate(() => document.body.dataset.chatMessages))).toBeGreaterThan(
        1,
      );
      expect(await violations()).toEqual([]);
      expect(problems).toEqual([]);
      await page.close();
    } finally {
      await portal.close();
    }
  });

  it('script-tag portal: the host page opens the chat through the command queue', {
    timeout: 60_000,
  }, async () => {
    const portal = await startScriptTagPortal();
    try {
      const { page, problems, violations } = await openPage(browser, portal.url);
      await page.locator('button.launcher').waitFor();
      await page.locator('#need-help').click();
      await page.getByText('Hello Alex!', { exact: false }).waitFor({ timeout: 15_000 });
      await page.locator('textarea').fill('I have chest pain');
      await page.keyboard.press('Enter');
      await expect
        .poll(() => page.evaluate(() => document.body.dataset.escalated), { timeout: 10_000 })
        .toBe('emergency');
      expect(await violations()).toEqual([]);
      expect(problems).toEqual([]);
      await page.close();
    } finally {
      await portal.close();
    }
  });

  it('custom adapter: a patient’s handoff becomes a ticket, and the ticket desk answers', {
    timeout: 60_000,
  }, async () => {
    const board = new WatchedTicketBoard();
    const secret = randomBytes(32).toString('hex');
    const portalPort = await freePort();
    const server = await startHandoffServer(
      { adapter: new TicketAdapter(board), allowedOrigins: [`http://127.0.0.1:${portalPort}`] },
      { patient: secret },
    );
    const portal = await startScriptTagPortal(portalPort, {
      serverUrl: server.url,
      tokenSecret: secret,
    });
    try {
      const { page, problems, violations } = await openPage(browser, portal.url);
      await page.locator('#need-help').click();
      await page.getByText('Hello Alex!', { exact: false }).waitFor({ timeout: 15_000 });
      await page.locator('textarea').fill('I want to talk to a person');
      await page.keyboard.press('Enter');
      const ticketId = await eventually(() => board.opened[0], 'a ticket', 15_000);
      board.claim(ticketId, { id: 'rita', name: 'Rita Gomez' });
      await page.getByText('Rita Gomez', { exact: false }).first().waitFor({ timeout: 10_000 });
      board.reply(ticketId, 'comment-1', 'Hello, Rita from the ticket desk here.');
      await page.getByText('Rita from the ticket desk here').waitFor({ timeout: 10_000 });
      await page.locator('textarea').fill('Thank you, Rita');
      await page.keyboard.press('Enter');
      await eventually(
        () => board.patientComments(ticketId).includes('Thank you, Rita') || undefined,
        'the patient’s comment on the ticket',
        10_000,
      );
      expect(await violations()).toEqual([]);
      expect(problems).toEqual([]);
      await page.close();
    } finally {
      await portal.close();
      await server.close();
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, launchChromium, skipBrowserTests } from './support/chromium';
import { axeViolations, openPage } from './support/page';
import { type Portal, startPortal } from './support/portal-server';

// The script-tag widget in real Chromium: a plain portal page under the strict CSP, the
// loader from dist-equivalent files built with rollup, the portal's session endpoint
// (createSessionHandler) and the Direct Line emulator, over WebSockets.

describe.skipIf(skipBrowserTests)('script-tag widget in Chromium', () => {
  let browser: Browser;
  let portal: Portal;

  beforeAll(async () => {
    browser = await launchChromium();
    portal = await startPortal();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await portal?.close();
  });

  it('loads only the loader until opened, then chats under the strict CSP with no violation', async () => {
    const url = portal.page('csp', { data: { title: 'Clinic chat' } });
    const { page, problems, violations } = await openPage(browser, url);
    const launcher = page.locator('button.launcher');
    await launcher.waitFor();
    expect(await launcher.textContent()).toBe('Chat with us');
    expect(portal.requests.filter((p) => p.startsWith('/baton/'))).toEqual(['/baton/baton.js']);

    await launcher.click();
    await page.getByText('Hello Sam!', { exact: false }).waitFor({ timeout: 15_000 });
    expect(portal.requests).toContain('/baton/chunks/baton-widget.js');
    expect(portal.requests).toContain('/baton/session');
    await expect
      .poll(() =>
        page.evaluate(
          () =>
            (window as unknown as { __batonReady?: { conversationId?: string } }).__batonReady
              ?.conversationId,
        ),
      )
      .toBeTruthy();
    expect(await page.getByRole('dialog', { name: 'Clinic chat' }).isVisible()).toBe(true);

    await page.getByRole('button', { name: 'Appointments' }).click();
    await page.locator('.msg.patient').first().waitFor();
    await expect
      .poll(() => page.locator('.msg.bot').count(), { timeout: 10_000 })
      .toBeGreaterThan(1);
    expect(await page.locator('.msg.patient').count()).toBe(1);

    expect(await violations()).toEqual([]);
    expect(problems).toEqual([]);
    expect(
      await page.evaluate(
        () => typeof (window as unknown as { trustedTypes?: unknown }).trustedTypes,
      ),
    ).toBe('object');
    await page.close();
  });

  it('keeps queued calls until opened: no launcher with data-launcher="none", nothing loaded', async () => {
    const url = portal.page('own-button', {
      data: { launcher: 'none', locale: 'fr' },
      body: '<button id="help" type="button">Aide</button>',
    });
    const { page, problems, violations } = await openPage(browser, url);
    await page.waitForFunction(
      () => (window as unknown as { Baton?: { loaded?: boolean } }).Baton?.loaded === true,
    );
    const issued: string[] = [];
    page.on('request', (request) => issued.push(request.url()));
    await page.evaluate(() => {
      const Baton = (window as unknown as { Baton(...args: unknown[]): unknown }).Baton;
      Baton('setContext', { clinic: 'north' });
      Baton('setLocale', 'es');
      Baton('close'); // nothing to close yet: must not load anything
    });
    // A request the page makes after those calls: whatever they loaded was asked for before it.
    const sentinel = `${portal.url}/favicon.ico?after-queued-calls`;
    await page.evaluate((url) => fetch(url).then(() => undefined), sentinel);
    expect(issued).toContain(sentinel);
    expect(
      issued
        .slice(0, issued.indexOf(sentinel))
        .filter((u) => new URL(u).pathname.startsWith('/baton/')),
    ).toEqual([]);
    expect(await page.locator('button.launcher').count()).toBe(0);
    await page.evaluate(() => {
      const Baton = (window as unknown as { Baton(c: string): Promise<void> }).Baton;
      document.getElementById('help')?.addEventListener('click', () => void Baton('open'));
    });
    await page.locator('#help').focus();
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: 'Asistente del paciente' }).waitFor({ timeout: 10_000 });
    expect(await page.locator('button.launcher').count()).toBe(0);
    await page.keyboard.press('Escape');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('help');
    // destroy removes everything; a later open starts afresh
    await page.evaluate(() =>
      (window as unknown as { Baton(c: string): Promise<void> }).Baton('destroy'),
    );
    expect(await page.locator('[data-baton]').count()).toBe(0);
    await page.evaluate(() =>
      (window as unknown as { Baton(c: string): Promise<void> }).Baton('open'),
    );
    await page.getByRole('dialog', { name: 'Asistente del paciente' }).waitFor({ timeout: 10_000 });
    expect(await violations()).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('resumes the conversation after a reload, keeping only a handle in sessionStorage', async () => {
    const url = portal.page('resume', {});
    const { page, problems } = await openPage(browser, url);
    await page.locator('button.launcher').click();
    await page.getByText('Hello Sam!', { exact: false }).waitFor({ timeout: 15_000 });
    const first = await page.evaluate(
      () =>
        (window as unknown as { __batonReady: { conversationId: string } }).__batonReady
          .conversationId,
    );
    const stored = await page.evaluate(() => JSON.stringify(sessionStorage));
    expect(stored).toContain(first);
    expect(stored).not.toMatch(/Sam|Hello|eyJ/);

    await page.reload();
    await page.evaluate(() =>
      (window as unknown as { Baton(command: string): Promise<void> }).Baton('open'),
    );
    await expect
      .poll(
        () =>
          page.evaluate(
            () =>
              (window as unknown as { __batonReady?: { conversationId: string } }).__batonReady
                ?.conversationId,
          ),
        { timeout: 15_000 },
      )
      .toBe(first);
    await page.getByText('Hello Sam!', { exact: false }).waitFor({ timeout: 15_000 });
    expect(await page.getByText('Hello Sam!', { exact: false }).count()).toBe(1);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('works by keyboard: focus moves into the panel, Escape closes and returns focus', async () => {
    const { page, problems } = await openPage(browser, portal.page('keyboard', {}));
    await page.locator('button.launcher').waitFor();
    await page.keyboard.press('Tab');
    const focused = () =>
      page.evaluate(() => {
        let element: Element | null = document.activeElement;
        while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
        return element ? `${element.tagName.toLowerCase()}.${element.className}` : '';
      });
    expect(await focused()).toBe('button.launcher');
    await page.keyboard.press('Enter');
    await expect.poll(focused, { timeout: 10_000 }).toBe('textarea.');
    await page.getByText('Hello Sam!', { exact: false }).waitFor({ timeout: 15_000 });
    await page.keyboard.type('billing');
    await page.keyboard.press('Enter');
    await page.locator('.msg.patient').waitFor();
    await page.keyboard.press('Escape');
    expect(await page.locator('section.panel').isHidden()).toBe(true);
    expect(await focused()).toBe('button.launcher');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows emergency guidance at once for red flags', async () => {
    const { page } = await openPage(browser, portal.page('red-flag', {}));
    await page.locator('button.launcher').click();
    await page.getByText('Hello Sam!', { exact: false }).waitFor({ timeout: 15_000 });
    await page.locator('textarea').fill('I have chest pain and cannot breathe');
    await page.keyboard.press('Enter');
    const alert = page.getByRole('alert');
    await alert.waitFor({ timeout: 2000 });
    expect(await alert.textContent()).toContain('Call 911 now');
    await expect
      .poll(() =>
        page.evaluate(
          () =>
            (window as unknown as { __batonEscalated?: { priority: string }[] })
              .__batonEscalated?.[0]?.priority,
        ),
      )
      .toBe('emergency');
    await page.close();
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`has no axe-core violations with the panel open (${colorScheme})`, async () => {
      const { page } = await openPage(browser, portal.page(`axe-${colorScheme}`, {}));
      await page.emulateMedia({ colorScheme });
      await page.locator('button.launcher').waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await page.locator('button.launcher').click();
      await page.getByText('Hello Sam!', { exact: false }).waitFor({ timeout: 15_000 });
      await page.locator('textarea').fill('show cards');
      await page.keyboard.press('Enter');
      await page.getByRole('button', { name: 'Submit answers' }).waitFor({ timeout: 10_000 });
      await page.getByRole('button', { name: 'No thanks' }).waitFor();
      expect(await axeViolations(page)).toEqual([]);
      // the card's inputs reach the bot
      await page.getByLabel('Age', { exact: true }).fill('42');
      await page.getByRole('button', { name: 'Submit answers' }).click();
      await expect.poll(() => page.locator('.msg.bot').count()).toBeGreaterThan(2);
      await page.close();
    });
  }

  it('never runs what a hostile bot sends (without a CSP to catch it)', async () => {
    const { page, problems } = await openPage(browser, portal.page('hostile', { csp: false }));
    await page.locator('button.launcher').click();
    await page.getByText('Hello Sam!', { exact: false }).waitFor({ timeout: 15_000 });
    await page.locator('textarea').fill('hostile');
    await page.keyboard.press('Enter');
    await page.getByText('end of hostile payloads').waitFor({ timeout: 10_000 });
    await page.getByText('Card evil', { exact: false }).count();
    const report = await page.evaluate(() => {
      const host = document.querySelector('[data-baton]') as HTMLElement;
      const root = host.shadowRoot as ShadowRoot;
      const all = [...root.querySelectorAll('*')];
      return {
        pwned: (window as unknown as { __pwned?: number }).__pwned ?? null,
        dangerous: all
          .filter((el) =>
            ['SCRIPT', 'IFRAME', 'SVG', 'OBJECT', 'EMBED'].includes(el.tagName.toUpperCase()),
          )
          .map((el) => el.tagName),
        handlers: all.flatMap((el) =>
          [...el.attributes].filter((a) => a.name.startsWith('on')).map((a) => a.name),
        ),
        hrefs: all
          .map((el) => el.getAttribute('href') ?? el.getAttribute('src'))
          .filter((v): v is string => v !== null),
        text: root.textContent ?? '',
      };
    });
    expect(report.pwned).toBeNull();
    expect(report.dangerous).toEqual([]);
    expect(report.handlers).toEqual([]);
    for (const href of report.hrefs) expect(href).toMatch(/^(https?:|mailto:|tel:)/);
    expect(report.text).toContain('<script>window.__pwned=2</script>'); // shown as text
    expect(await page.getByText('Evil link').count()).toBe(0);
    expect(await page.getByText('Card evil').count()).toBe(0);
    // Deferred payloads (onerror, onload) run when an image settles: wait until every image on
    // the page and in the widget has loaded or failed, then for one more task.
    await page.evaluate(async () => {
      const root = (document.querySelector('[data-baton]') as HTMLElement).shadowRoot as ShadowRoot;
      const images = [...document.images, ...root.querySelectorAll('img')];
      await Promise.all(
        images.map((image) =>
          image.complete
            ? undefined
            : new Promise((settled) => {
                image.addEventListener('load', settled, { once: true });
                image.addEventListener('error', settled, { once: true });
              }),
        ),
      );
      await new Promise((next) => setTimeout(next, 0));
    });
    expect(
      await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned ?? null),
    ).toBeNull();
    expect(problems.filter((p) => !p.includes('Failed to load resource'))).toEqual([]);
    await page.close();
  });

  it('lays out right to left for Arabic pages, accessibly', async () => {
    const { page } = await openPage(browser, portal.page('rtl', { lang: 'ar' }));
    await page.locator('button.launcher').click();
    await page.getByText('Hello Sam!', { exact: false }).waitFor({ timeout: 15_000 });
    expect(await page.locator('section.panel').getAttribute('dir')).toBe('rtl');
    const box = await page.locator('section.panel').boundingBox();
    expect(box?.x).toBeLessThan(100); // inset-inline-end puts it on the left in RTL
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('fits a phone-sized screen and honours reduced motion', async () => {
    const phone = await launchChromium({ viewport: { width: 375, height: 667 } });
    try {
      const { page } = await openPage(phone, portal.page('phone', {}));
      await page.emulateMedia({ reducedMotion: 'reduce' });
      await page.locator('button.launcher').click();
      const panel = page.locator('section.panel');
      await panel.waitFor();
      const box = await panel.boundingBox();
      expect(box).toMatchObject({ x: 0, y: 0, width: 375, height: 667 });
      expect(await panel.evaluate((el) => getComputedStyle(el).animationName)).toBe('none');
    } finally {
      await phone.close();
    }
  });
});

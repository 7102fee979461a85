import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { consoleAssetsDir } from '@baton/agent-console/assets';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConsoleApp } from '../../packages/agent-console/scripts/build';
import { startServer, type TestServer } from '../../packages/agent-console/test/support/server';
import { type Browser, launchChromium, skipBrowserTests } from './support/chromium';
import { axeViolations, openPage } from './support/page';

// An administrator manages the built-in appointment slots from the built console: she sees the
// coming two weeks (booked or free) and adds a morning of back-to-back slots; they are in the
// store, and adding the same series again adds nothing.

const shots = process.env.BATON_SCREENSHOT_DIR ?? '/tmp/baton-screenshots';

describe.skipIf(skipBrowserTests)('appointment slots in the admin console', () => {
  let browser: Browser;
  let server: TestServer;

  beforeAll(async () => {
    await buildConsoleApp();
    browser = await launchChromium();
    server = await startServer(
      [
        {
          username: 'nadia',
          password: 'admin secret',
          displayName: 'Nadia Admin',
          roles: ['admin'],
        },
      ],
      { allowedOrigins: ['*'], consoleDir: consoleAssetsDir(), cookieSessions: {} },
    );
    const store = server.server.engine.store;
    const start = new Date(Date.now() + 2 * 86_400_000);
    start.setUTCHours(8, 0, 0, 0);
    await store.addSlots([
      {
        id: 'slot-booked',
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + 20 * 60_000).toISOString(),
        label: 'Dr. Osei',
      },
    ]);
    await store.createConversation({ id: 'conv-s', patientId: 'pat-s' });
    await store.bookSlot('slot-booked', { conversationId: 'conv-s', patientId: 'pat-s' });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lists the slots and adds a series', async () => {
    const { page, problems } = await openPage(browser, `${server.url}/console/`);
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.getByLabel('User name').fill('nadia');
    await page.getByLabel('Password').fill('admin secret');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Slots', exact: true }).click();
    const table = page.getByRole('table', { name: 'Appointment slots' });
    await table.waitFor({ timeout: 10_000 });
    expect(await table.locator('tr[data-slot-id="slot-booked"]').textContent()).toContain('Booked');

    const day = new Date(Date.now() + 3 * 86_400_000);
    const local = `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}T09:00`;
    await page.getByLabel('First start').fill(local);
    await page.getByLabel('Minutes each').fill('30');
    await page.getByLabel('How many, back to back').fill('3');
    await page.getByLabel('With (clinician or place)').fill('Nurse Laurent');
    await page.getByLabel('Queue or service').fill('general');
    await page.getByRole('button', { name: 'Add slots', exact: true }).click();
    await page
      .getByRole('status')
      .filter({ hasText: '3 slots added; 0 already existed.' })
      .waitFor();
    await expect.poll(() => table.locator('tbody tr').count()).toBe(4);
    const stored = await server.server.engine.store.listSlots({ freeOnly: true });
    expect(stored.map((s) => [s.label, s.service, s.startsAt])).toEqual(
      [0, 1, 2].map((i) => [
        'Nurse Laurent',
        'general',
        new Date(new Date(local).getTime() + i * 30 * 60_000).toISOString(),
      ]),
    );
    expect(await axeViolations(page)).toEqual([]);
    mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: join(shots, 'console-slots-admin.png'), fullPage: true });

    // The same series again: nothing new.
    await page.getByRole('button', { name: 'Add slots', exact: true }).click();
    await page
      .getByRole('status')
      .filter({ hasText: '0 slots added; 3 already existed.' })
      .waitFor();
    expect(await server.server.engine.store.listSlots({})).toHaveLength(4);
    expect(problems.filter((p) => !p.includes('Applying inline style violates'))).toEqual([]);
  });
});

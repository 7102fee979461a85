import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect as netConnect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConsoleApp } from '../../packages/agent-console/scripts/build';
import { consoleAssetsDir } from '../../packages/agent-console/src/assets';
import {
  eventually,
  PatientClient,
  startServer,
  type TestServer,
} from '../../packages/agent-console/test/support/server';
import { type Browser, launchChromium, skipBrowserTests } from './support/chromium';
import { axeViolations, openPage } from './support/page';

// The built agent console (dist/app from scripts/build.ts) in real Chromium under a strict
// CSP, served from one origin that also forwards /api and /socket.io to a real handoff server
// (as a deployment would serve it): sign in, accept a waiting patient with the keyboard,
// answer, and check axe finds nothing.

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; require-trusted-types-for 'script'";

const TYPES: Record<string, string> = {
  'index.html': 'text/html; charset=utf-8',
  'app.js': 'text/javascript; charset=utf-8',
  'app.css': 'text/css; charset=utf-8',
};

/** Static console files, with /api and /socket.io (upgrades included) forwarded to `target`. */
async function startConsoleHost(getTarget: () => URL): Promise<{ url: string; server: Server }> {
  const dir = consoleAssetsDir();
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path.startsWith('/api/') || path.startsWith('/socket.io/')) {
      const target = getTarget();
      const forward = httpRequest(
        {
          host: target.hostname,
          port: target.port,
          method: req.method,
          path: req.url,
          headers: req.headers,
        },
        (upstream) => {
          res.writeHead(upstream.statusCode ?? 502, upstream.headers);
          upstream.pipe(res);
        },
      );
      forward.on('error', () => res.destroy());
      req.pipe(forward);
      return;
    }
    if (path === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    const file = path === '/' ? 'index.html' : path.slice(1);
    const type = TYPES[file];
    if (!type) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'content-type': type,
      'content-security-policy': CSP,
      'x-content-type-options': 'nosniff',
    });
    res.end(readFileSync(join(dir, file)));
  });
  server.on('upgrade', (req, socket, head) => {
    const target = getTarget();
    const upstream = netConnect(Number(target.port), target.hostname, () => {
      const lines = [`${req.method} ${req.url} HTTP/1.1`];
      for (let i = 0; i < req.rawHeaders.length; i += 2)
        lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
      upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
      if (head.length > 0) upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, server };
}

describe.skipIf(skipBrowserTests)('agent console in Chromium', () => {
  let browser: Browser;
  let handoff: TestServer;
  let host: { url: string; server: Server };
  const patients: PatientClient[] = [];

  beforeAll(async () => {
    await buildConsoleApp();
    let target: URL | undefined;
    host = await startConsoleHost(() => target!);
    handoff = await startServer(
      [
        {
          username: 'amelie',
          password: 'correct horse',
          displayName: 'Amelie Roux',
          roles: ['agent'],
          queues: ['cardiology'],
        },
      ],
      { allowedOrigins: [host.url] },
    );
    target = new URL(handoff.url);
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    for (const patient of patients) patient.close();
    await browser?.close();
    host?.server.closeAllConnections();
    await new Promise((resolve) => host?.server.close(resolve));
    await handoff?.close();
  });

  it('signs in, accepts with the keyboard, answers, under a strict CSP with no axe violation', async () => {
    const { page, problems, violations } = await openPage(browser, `${host.url}/`);
    await page.getByLabel('User name').fill('amelie');
    await page.getByLabel('Password').fill('correct horse');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: /Waiting patients/ }).waitFor();
    await page.getByText('Connected', { exact: true }).waitFor();
    expect(
      await page.evaluate(
        () => sessionStorage.length + localStorage.length + document.cookie.length,
      ),
    ).toBe(0);

    const conversationId = randomUUID();
    const patient = await PatientClient.connect(
      handoff.url,
      await handoff.patientToken('patient-browser'),
      conversationId,
    );
    patients.push(patient);
    patient.requestHandoff();
    const accept = page.getByRole('button', { name: 'Accept conversation with Alex Martin' });
    await accept.waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await accept.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Conversation with Alex Martin' }).waitFor();
    await eventually(() => patient.of('agent.joined').length === 1, 'agent.joined');

    patient.say('Hello, is anyone there?');
    const log = page.getByRole('log', { name: 'Chat with Alex Martin' });
    await log.getByText('Hello, is anyone there?').waitFor();

    const composer = page.getByLabel('Message to the patient');
    await composer.fill('Yes, I am Amelie. How can I help?');
    await composer.press('Enter');
    await log.getByText('Sent', { exact: true }).waitFor();
    const received = await eventually(
      () => patient.of('message').find((m) => m.from === 'agent'),
      'the answer at the patient',
    );
    expect(received.text).toBe('Yes, I am Amelie. How can I help?');

    expect(await axeViolations(page)).toEqual([]);
    // Escape closes the transfer dialog.
    await page.getByRole('button', { name: 'Transfer' }).click();
    await page.getByRole('dialog').waitFor();
    await page.keyboard.press('Escape');
    // The dialog goes away on the next render: wait for that, not for a fixed time.
    await page.getByRole('dialog').waitFor({ state: 'detached', timeout: 5000 });
    expect(await page.getByRole('dialog').count()).toBe(0);

    expect(await violations()).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });
});

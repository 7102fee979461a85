import { afterEach, describe, expect, it } from 'vitest';
import { fetchHubFile, isPrivateAddress } from '../../src/adapters/botframework-hub/hub-files';
import { listen } from '../adapters/support/http';
import { createHubFixture } from '../adapters/support/hub-fixture';
import { handoffRequestFrame } from '../support/frames';
import { connectPatient, startTestServer } from '../support/server';

// Files from the Bot Framework hub's agent bot to the patient: a real botbuilder bot sends a
// message activity with an attachment; the server fetches its contentUrl under the operator's
// rules (listed hosts, no private addresses unless allowed, no redirects, size cap), checks
// it like any upload and the patient gets it. Anything else is refused and leaves no file.

let cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

const PDF = new TextEncoder().encode('%PDF-1.4\n% discharge advice\n');

describe('hub agent files to the patient (real bot, SQLite)', () => {
  it('fetches an allowed contentUrl and delivers it; refuses the rest', async () => {
    const files = await listen((req, res) => {
      if (req.url === '/advice.pdf')
        res.writeHead(200, { 'content-type': 'application/pdf' }).end(PDF);
      else if (req.url === '/big.pdf') res.writeHead(200).end(Buffer.alloc(4096, 0x25));
      else res.writeHead(302, { location: '/advice.pdf' }).end();
    });
    cleanups.push(() => files.close());
    const fixture = await createHubFixture(
      { autopilot: { id: 'nurse-7', displayName: 'Nora Diaz' } },
      { attachments: { allowedHosts: ['127.0.0.1'], allowPrivateAddresses: true, maxBytes: 1024 } },
    );
    const test = await startTestServer({ adapter: fixture.adapter });
    cleanups.push(
      () => test.close(),
      () => fixture.cleanup?.(),
    );
    const token = await test.tokens.patient('p1');
    const patient = await connectPatient(test.url, token);
    cleanups.push(() => patient.close());
    patient.send(handoffRequestFrame('c1'));
    // The bot accepts during the handoff.initiate turn.
    await patient.waitFor('agent.joined');

    const file = (path: string, name = 'advice.pdf') => ({
      name,
      contentType: 'application/pdf',
      contentUrl: `${files.url}${path}`,
    });
    await fixture.bot.sendFile('c1', 'act-1', file('/advice.pdf'), 'Your advice sheet');
    await patient.waitFor('message', (f) => f.text === 'Your advice sheet');
    const frame = await patient.waitFor('attachment');
    expect(frame).toMatchObject({
      from: 'agent',
      attachment: { name: 'advice.pdf', contentType: 'application/pdf', size: PDF.byteLength },
    });
    const download = await fetch(`${test.url}/api/attachments/${frame.attachment.id}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(PDF);

    // Too large, a redirect, a host not listed: refused; the bot's call fails.
    const refused = [
      file('/big.pdf', 'big.pdf'),
      file('/elsewhere', 'moved.pdf'),
      {
        ...file('/advice.pdf'),
        contentUrl: `${files.url.replace('127.0.0.1', 'localhost')}/advice.pdf`,
      },
    ];
    for (const [i, bad] of refused.entries())
      await expect(fixture.bot.sendFile('c1', `act-bad-${i}`, bad)).rejects.toThrow();
    expect((await test.store.listAttachments('c1')).map((a) => a.name)).toEqual(['advice.pdf']);
    expect(patient.of('attachment')).toHaveLength(1);
  });
});

describe('hub contentUrl rules', () => {
  it('never reaches a private address unless allowed, nor a host not listed', async () => {
    const rules = { allowedHosts: ['127.0.0.1', 'localhost', 'files.example.org'] };
    await expect(fetchHubFile('https://127.0.0.1/a.pdf', rules)).rejects.toThrow(/private/);
    await expect(fetchHubFile('https://localhost/a.pdf', rules)).rejects.toThrow(/private/);
    await expect(fetchHubFile('https://evil.example.net/a.pdf', rules)).rejects.toThrow(/host/);
    await expect(fetchHubFile('http://files.example.org/a.pdf', rules)).rejects.toThrow(/https/);
    await expect(fetchHubFile('https://u:p@files.example.org/a.pdf', rules)).rejects.toThrow(
      /credentials/,
    );
    for (const address of [
      '10.1.2.3',
      '192.168.0.1',
      '172.20.0.1',
      '169.254.169.254',
      '::1',
      'fd00::1',
      '::ffff:127.0.0.1',
    ])
      expect(isPrivateAddress(address)).toBe(true);
    for (const address of ['93.184.216.34', '2606:4700::1111'])
      expect(isPrivateAddress(address)).toBe(false);
  });

  it('reads data: URLs inline, within the cap', async () => {
    const url = `data:application/pdf;base64,${Buffer.from(PDF).toString('base64')}`;
    expect(await fetchHubFile(url, {})).toEqual(PDF);
    await expect(fetchHubFile(url, { maxBytes: 8 })).rejects.toThrow(/too large/);
    await expect(fetchHubFile('data:text/html,<b>x</b>', {})).rejects.toThrow(/data URL/);
  });
});

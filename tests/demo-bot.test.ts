import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_DIRECTLINE_DOMAIN, type DemoBot, startDemoBot } from '../scripts/demo-bot';

// Which bot `npm start` talks to, from its environment (the browser side of a real bot is in
// tests/browser/demo-portal.test.ts).
const kept = (name: string) => `kept-${name}-secret`;
let started: DemoBot | undefined;
afterEach(async () => {
  await started?.close();
  started = undefined;
});

describe('the demo bot', () => {
  it('is the emulator without BATON_DIRECTLINE_SECRET, its patient key kept with the data', async () => {
    started = await startDemoBot({}, kept);
    expect(started.kind).toBe('emulator');
    expect(started.patientTokenSecret).toBe('kept-bot-jwt-secret');
    expect(started.directLineDomain).toBe(`${started.serverEndpoint}/v3/directline`);
    const reply = await fetch(`${started.directLineDomain}/tokens/generate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${started.directLineSecret}` },
    });
    expect(reply.status).toBe(200);
  });

  it('is Azure’s global Direct Line with only a secret, muted through its base URL', async () => {
    started = await startDemoBot({ BATON_DIRECTLINE_SECRET: ' azure-secret ' }, kept);
    expect(started).toMatchObject({
      kind: 'direct-line',
      directLineSecret: 'azure-secret',
      directLineDomain: DEFAULT_DIRECTLINE_DOMAIN,
      serverEndpoint: 'https://directline.botframework.com',
      patientTokenSecret: 'kept-bot-jwt-secret',
    });
  });

  it('takes a regional domain and the Health Bot app secret', async () => {
    started = await startDemoBot(
      {
        BATON_DIRECTLINE_SECRET: 'azure-secret',
        BATON_DIRECTLINE_DOMAIN: 'https://europe.directline.botframework.com/v3/directline/',
        BATON_HEALTHBOT_JWT_SECRET: 'the-health-bot-app-secret',
      },
      kept,
    );
    expect(started.directLineDomain).toBe(
      'https://europe.directline.botframework.com/v3/directline',
    );
    expect(started.serverEndpoint).toBe('https://europe.directline.botframework.com');
    expect(started.patientTokenSecret).toBe('the-health-bot-app-secret');
  });

  it('refuses a domain that is not a URL', async () => {
    await expect(
      startDemoBot({ BATON_DIRECTLINE_SECRET: 's', BATON_DIRECTLINE_DOMAIN: 'europe' }, kept),
    ).rejects.toThrow(/BATON_DIRECTLINE_DOMAIN/);
  });
});

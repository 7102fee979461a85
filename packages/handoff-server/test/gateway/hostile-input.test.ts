import { patientMessage } from '@baton/handoff-protocol';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { handoffRequestFrame } from '../support/frames';
import { connect, connectPatient, startTestServer, type TestServer } from '../support/server';

let cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

async function setup(options: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> {
  const test = await startTestServer({ store: 'memory', ...options });
  cleanups.push(() => test.close());
  return test;
}

describe('hostile frames', () => {
  it('answers every junk frame with a typed error and keeps serving', async () => {
    const test = await setup({ rateLimit: { burst: 10_000, perSecond: 10_000 } });
    const patient = await connectPatient(test.url, await test.tokens.patient('pat-1'));
    cleanups.push(() => patient.close());
    const junk = fc.sample(
      fc.oneof(
        fc.anything(),
        fc.string(),
        fc.json(),
        fc.record({
          v: fc.anything(),
          type: fc.string(),
          id: fc.string(),
          conversationId: fc.string(),
        }),
        fc.record({
          v: fc.constant(1),
          type: fc.constantFrom('message', 'handoff.request', 'resume', 'leave'),
          id: fc.string(),
          conversationId: fc.anything(),
          text: fc.anything(),
        }),
      ),
      { numRuns: 200, seed: 42 },
    );
    for (const value of junk) patient.send(value);
    await patient.waitFor('error', () => patient.of('error').length >= junk.length, 10_000);
    const codes = new Set(patient.of('error').map((e) => e.code));
    for (const code of codes)
      expect([
        'invalid_message',
        'unknown_type',
        'unsupported_version',
        'forbidden',
        'frame_too_large',
      ]).toContain(code);
    patient.send(handoffRequestFrame('still-works'));
    expect(await patient.waitFor('ack')).toMatchObject({ conversationId: 'still-works' });
  });

  it('names the refused frame and the field in the error', async () => {
    const test = await setup();
    const patient = await connectPatient(test.url, await test.tokens.patient('pat-1'));
    cleanups.push(() => patient.close());
    const bad = {
      ...patientMessage('message', { conversationId: 'c1', clientMessageId: 'm1', text: 'x' }),
      text: '',
    };
    patient.send(bad);
    const error = await patient.waitFor('error');
    expect(error).toMatchObject({
      code: 'invalid_message',
      inReplyTo: bad.id,
      clientMessageId: 'm1',
      conversationId: 'c1',
    });
    expect(error.issues?.[0]?.path).toBe('text');
    patient.socket.emit('not-a-frame-event', { hello: 1 });
    expect((await patient.waitFor('error', (e) => e.code === 'unknown_type')).retryable).toBe(
      false,
    );
  });

  it('answers frames over the rate limit with rate_limited instead of dropping them', async () => {
    const test = await setup({ rateLimit: { burst: 5, perSecond: 0.001 } });
    const patient = await connectPatient(test.url, await test.tokens.patient('pat-1'));
    cleanups.push(() => patient.close());
    for (let i = 0; i < 12; i += 1)
      patient.send(patientMessage('typing', { conversationId: 'nope', active: true }));
    await patient.waitFor('error', () => patient.of('error').length >= 12);
    const limited = patient.of('error').filter((e) => e.code === 'rate_limited');
    expect(limited).toHaveLength(7);
    expect(limited[0]!.retryable).toBe(true);
  });

  it('closes a connection that sends a frame over the size bound, and only that one', async () => {
    const test = await setup({ maxFrameBytes: 16 * 1024 });
    const big = await connectPatient(test.url, await test.tokens.patient('pat-1'));
    const other = await connectPatient(test.url, await test.tokens.patient('pat-2'));
    cleanups.push(
      () => big.close(),
      () => other.close(),
    );
    const closed = new Promise<string>((resolve) => big.socket.once('disconnect', resolve));
    big.send({ ...handoffRequestFrame('huge'), padding: 'x'.repeat(64 * 1024) });
    expect(await closed).toBe('transport close');
    other.send(handoffRequestFrame('small'));
    expect(await other.waitFor('ack')).toMatchObject({ conversationId: 'small' });
  });
});

describe('origin allowlist', () => {
  it('checks the Origin on WebSocket and polling handshakes', async () => {
    const test = await setup({ allowedOrigins: ['https://portal.example'] });
    const token = await test.tokens.patient('pat-1');
    const good = await connect(test.url, '/patient', token, { origin: 'https://portal.example' });
    cleanups.push(() => good.close());
    await expect(
      connect(test.url, '/patient', token, { origin: 'https://evil.example' }),
    ).rejects.toThrow();
    await expect(
      connect(test.url, '/patient', token, {
        origin: 'https://evil.example',
        transports: ['polling'],
      }),
    ).rejects.toThrow();
    const polling = await connect(test.url, '/patient', token, {
      origin: 'https://portal.example',
      transports: ['polling'],
    });
    cleanups.push(() => polling.close());
    expect(polling.socket.connected).toBe(true);
  });
});

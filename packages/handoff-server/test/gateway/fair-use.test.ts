import { patientMessage } from '@baton/handoff-protocol';
import type { Socket as ServerSocket } from 'socket.io';
import { io as connectSocket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/ops/logger';
import { handoffRequestFrame } from '../support/frames';
import { connectPatient, startTestServer, type TestServer } from '../support/server';

// Fair use per token subject across all its sockets: one budget, a connection cap, every
// event name counted, a flood cut off, and a connection that does not read closed.

let cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

async function setup(options: Parameters<typeof startTestServer>[0]): Promise<TestServer> {
  const test = await startTestServer({ store: 'memory', ...options });
  cleanups.push(() => test.close());
  return test;
}

const typing = () => patientMessage('typing', { conversationId: 'nope', active: true });

/** Resolves with the reason of the next server-side disconnect in `/patient`. */
function nextServerDisconnect(test: TestServer): Promise<{ reason: string; socket: ServerSocket }> {
  return new Promise((resolve) => {
    test.server.io.of('/patient').once('connection', (socket: ServerSocket) => {
      socket.once('disconnect', (reason) => resolve({ reason, socket }));
    });
  });
}

describe('fair use per token subject', () => {
  it('shares one budget between all the sockets of one token, not one per socket', async () => {
    const test = await setup({ rateLimit: { burst: 10, perSecond: 0.001 } });
    const token = await test.tokens.patient('pat-1');
    const sockets = await Promise.all([1, 2, 3].map(() => connectPatient(test.url, token)));
    const other = await connectPatient(test.url, await test.tokens.patient('pat-2'));
    cleanups.push(...sockets.map((s) => () => s.close()), () => other.close());
    for (const socket of sockets) for (let i = 0; i < 10; i += 1) socket.send(typing());
    // Each socket sent 10: the three share 10 tokens, so 20 of the 30 are refused.
    const refused = () =>
      sockets.flatMap((s) => s.of('error')).filter((e) => e.code === 'rate_limited').length;
    await sockets[2]!.waitFor('error', () => refused() >= 20);
    expect(refused()).toBe(20);
    // Another patient keeps a budget of its own.
    other.send(handoffRequestFrame('c-other'));
    expect(await other.waitFor('ack')).toMatchObject({ conversationId: 'c-other' });
  });

  it('caps concurrent connections per subject with a typed refusal, and frees the slot on close', async () => {
    const logged: { msg?: string; level?: number; namespace?: string }[] = [];
    const destination = { write: (line: string) => logged.push(JSON.parse(line)) };
    const test = await setup({
      fairUse: { maxConnectionsPerSubject: 2 },
      logger: createLogger({ level: 'warn', destination }),
    });
    const token = await test.tokens.patient('pat-1');
    const first = await connectPatient(test.url, token);
    const second = await connectPatient(test.url, token);
    cleanups.push(
      () => first.close(),
      () => second.close(),
    );
    const refused = await connectPatient(test.url, token).then(
      () => null,
      (error: Error & { data?: { code?: string } }) => error,
    );
    expect(refused?.data).toMatchObject({ code: 'rate_limited', reason: 'connections' });
    // Logged at warn for the operator, without the token or who it was.
    const warning = logged.find((line) => line.msg === 'connection refused: rate_limited');
    expect(warning).toMatchObject({ level: 40, namespace: '/patient' });
    expect(JSON.stringify(logged)).not.toContain(token);
    expect(JSON.stringify(logged)).not.toContain('pat-1');
    // Another subject is not affected.
    const other = await connectPatient(test.url, await test.tokens.patient('pat-2'));
    cleanups.push(() => other.close());
    // Closing one frees its slot (the server counts the disconnect before the next connect).
    const gone = new Promise<void>((resolve) => {
      const [serverSide] = [...test.server.io.of('/patient').sockets.values()];
      serverSide?.once('disconnect', () => resolve());
    });
    first.close();
    await gone;
    const third = await connectPatient(test.url, token);
    cleanups.push(() => third.close());
    third.send(handoffRequestFrame('c1'));
    expect(await third.waitFor('ack')).toMatchObject({ conversationId: 'c1' });
  });

  it('counts every inbound event, not only `frame`: unknown names are refused and counted', async () => {
    const test = await setup({ rateLimit: { burst: 5, perSecond: 0.001 } });
    const patient = await connectPatient(test.url, await test.tokens.patient('pat-1'));
    cleanups.push(() => patient.close());
    for (let i = 0; i < 5; i += 1) patient.socket.emit('bogus', { i });
    patient.send(typing());
    await patient.waitFor('error', () => patient.of('error').length >= 6);
    const codes = patient.of('error').map((e) => e.code);
    expect(codes).toEqual([...Array(5).fill('unknown_type'), 'rate_limited']);
  });

  it('closes a connection that keeps sending past its budget', async () => {
    const test = await setup({
      rateLimit: { burst: 5, perSecond: 0.001 },
      fairUse: { maxRefusedInARow: 20 },
    });
    const closed = nextServerDisconnect(test);
    const patient = await connectPatient(test.url, await test.tokens.patient('pat-1'));
    cleanups.push(() => patient.close());
    const clientSide = new Promise<string>((resolve) => patient.socket.once('disconnect', resolve));
    for (let i = 0; i < 100; i += 1) patient.socket.emit('bogus', { i });
    expect((await closed).reason).toBe('server namespace disconnect');
    expect(await clientSide).toBe('io server disconnect');
    expect(patient.of('error').filter((e) => e.code === 'rate_limited')).toHaveLength(20);
    const metrics = await test.server.metrics.registry.metrics();
    expect(metrics).toMatch(
      /baton_fair_use_refusals_total\{namespace="\/patient",reason="flood"\} 1/,
    );
  });
});

describe('backpressure: a client that sends but never reads', () => {
  /** Sends refused frames from a client whose socket never reads, until `stop()` says so. */
  async function floodWithoutReading(test: TestServer, stop: () => boolean, max: number) {
    const socket = connectSocket(`${test.url}/patient`, {
      auth: { token: await test.tokens.patient('pat-hog') },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    // The client's TCP socket stops reading: whatever the server answers piles up.
    const engine = socket.io.engine as unknown as {
      transport: { ws: { _socket: { pause(): void; destroy(): void } } };
    };
    const tcp = engine.transport.ws._socket;
    cleanups.push(() => {
      tcp.destroy();
      socket.disconnect();
    });
    tcp.pause();
    const junk = { v: 1, type: 'not-a-frame', id: 'x'.repeat(100) };
    let sent = 0;
    while (!stop() && sent < max) {
      for (let i = 0; i < 500; i += 1) socket.emit('frame', junk);
      sent += 500;
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    return sent;
  }

  it('is disconnected once its unsent answers pass the bound, the buffer dropped', async () => {
    const test = await setup({
      rateLimit: { burst: 1e9, perSecond: 1e9 },
      fairUse: { maxUnsentPackets: 500, maxRefusedInARow: 1e9 },
    });
    let reason: string | null = null;
    let peak = 0;
    let serverSocket: ServerSocket | undefined;
    test.server.io.of('/patient').once('connection', (socket: ServerSocket) => {
      serverSocket = socket;
      const conn = socket.conn as unknown as { writeBuffer: unknown[] };
      socket.conn.on('packetCreate', () => {
        peak = Math.max(peak, conn.writeBuffer.length);
      });
      socket.once('disconnect', (why) => {
        reason = why;
      });
    });
    const sent = await floodWithoutReading(test, () => reason !== null, 400_000);
    expect(reason, `still connected after ${sent} frames`).toBe('forced close');
    expect(peak).toBeLessThanOrEqual(500);
    const conn = serverSocket?.conn as unknown as { writeBuffer: unknown[] } | undefined;
    expect(conn?.writeBuffer).toHaveLength(0);
    const metrics = await test.server.metrics.registry.metrics();
    expect(metrics).toMatch(
      /baton_fair_use_refusals_total\{namespace="\/patient",reason="unsent"\} 1/,
    );
  });

  it('(control) without the bound, the same client makes the server buffer without end', async () => {
    const test = await setup({
      rateLimit: { burst: 1e9, perSecond: 1e9 },
      fairUse: { maxUnsentPackets: Number.MAX_SAFE_INTEGER, maxRefusedInARow: 1e9 },
    });
    let conn: { writeBuffer: unknown[] } | undefined;
    test.server.io.of('/patient').once('connection', (socket: ServerSocket) => {
      conn = socket.conn as unknown as { writeBuffer: unknown[] };
    });
    await floodWithoutReading(test, () => (conn?.writeBuffer.length ?? 0) > 5000, 400_000);
    expect(conn?.writeBuffer.length).toBeGreaterThan(5000);
  });
});

import type { Socket as ServerSocket } from 'socket.io';
import { io as connectSocket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { handoffRequestFrame } from '../support/frames';
import {
  connectPatient,
  startTestServer,
  type TestServer,
  testSecrets,
  verifiersFor,
} from '../support/server';

// What each idle patient connection keeps on the server (issue #11: idle memory per
// connection beside bare socket.io): the listeners on its socket and its transport are the
// namespace's shared functions, never closures made for it; and its slot in its subject's
// connection cap is given back however it goes, even before it ever connected.

let cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

async function setup(options: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> {
  const test = await startTestServer({ store: 'memory', ...options });
  cleanups.push(() => test.close());
  return test;
}

/**
 * Every listener a socket holds by event name (socket.io sets none there itself), and what
 * Baton adds on its transport (socket.io's own listeners there are its per-client state).
 */
function listenersOf(socket: ServerSocket): Map<string, unknown[]> {
  const held = new Map<string, unknown[]>([['(any)', socket.listenersAny()]]);
  for (const name of socket.eventNames()) held.set(String(name), socket.listeners(name as string));
  const conn = socket.conn as unknown as { listeners(name: string): unknown[] };
  held.set('conn:packetCreate', conn.listeners('packetCreate'));
  return held;
}

describe('an idle patient connection', () => {
  it('holds the same listener functions as every other socket, none made for it', async () => {
    const test = await setup();
    const patients = await Promise.all(
      ['p-1', 'p-2', 'p-3', 'p-3'].map(async (id) =>
        connectPatient(test.url, await test.tokens.patient(id)),
      ),
    );
    cleanups.push(...patients.map((p) => () => p.close()));
    const sockets = [...test.server.io.of('/patient').sockets.values()];
    expect(sockets).toHaveLength(4);
    // In no room but its own until it acts on a conversation (no room per patient).
    for (const socket of sockets) expect([...socket.rooms]).toEqual([socket.id]);
    const [first, ...others] = sockets.map(listenersOf);
    // It does listen: every inbound event (the frames and the budget) and its departure.
    expect(first!.get('(any)')).toHaveLength(1);
    expect(first!.get('disconnect')?.length).toBeGreaterThan(0);
    expect(first!.get('conn:packetCreate')).toHaveLength(1);
    for (const held of others) {
      expect([...held.keys()].sort()).toEqual([...first!.keys()].sort());
      for (const [name, listeners] of held) {
        const shared = first!.get(name) ?? [];
        expect(listeners, name).toHaveLength(shared.length);
        listeners.forEach((listener, i) => {
          expect(listener === shared[i], `${name} #${i}`).toBe(true);
        });
      }
    }
    // The shared handlers serve each socket as its own.
    patients[1]!.send(handoffRequestFrame('c-2'));
    expect(await patients[1]!.waitFor('ack')).toMatchObject({ conversationId: 'c-2' });
    expect(patients[0]!.of('ack')).toHaveLength(0);
  });

  it('gives its connection slot back when its transport closes while its token is checked', async () => {
    const secrets = testSecrets();
    const verifiers = verifiersFor(secrets);
    let opened!: () => void;
    const checking = new Promise<void>((resolve) => {
      opened = resolve;
    });
    let letThrough!: () => void;
    const gate = new Promise<void>((resolve) => {
      letThrough = resolve;
    });
    const test = await setup({
      secrets,
      fairUse: { maxConnectionsPerSubject: 1 },
      auth: {
        ...verifiers,
        verifyPatient: async (token) => {
          opened();
          await gate;
          return verifiers.verifyPatient(token);
        },
      },
    });
    const token = await test.tokens.patient('p-gone');
    const closed = new Promise<void>((resolve) =>
      test.server.io.engine.once('connection', (conn: { once(e: 'close', f: () => void): void }) =>
        conn.once('close', () => resolve()),
      ),
    );
    const early = connectSocket(`${test.url}/patient`, {
      auth: { token },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    await checking;
    early.disconnect();
    await closed;
    letThrough();
    // The one slot is free: the abandoned handshake was admitted, then counted out.
    const patient = await connectPatient(test.url, token);
    cleanups.push(() => patient.close());
    patient.send(handoffRequestFrame('c-back'));
    expect(await patient.waitFor('ack')).toMatchObject({ conversationId: 'c-back' });
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { connectPatient, startTestServer, type TestServer } from '../support/server';

// What an idle patient connection holds on the server beyond socket.io's own (issue #11: idle
// memory per connection beside bare socket.io): no timer of its own for the token's expiry
// (one per namespace cuts them all), and not the token it signed in with.

let server: TestServer | undefined;
const clients: { close(): void }[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await server?.close();
  server = undefined;
});

describe('an idle patient connection', () => {
  it('holds no expiry timer of its own and drops its token once verified', async () => {
    server = await startTestServer({ store: 'memory' });
    const warm = await connectPatient(server.url, await server.tokens.patient('p-warm'));
    clients.push(warm);
    // Timers set while the connections open, longer than any heartbeat (socket.io's are
    // 20-25 s): one per socket would be its token's expiry.
    const setTimer = vi.spyOn(globalThis, 'setTimeout');
    const count = 40;
    let delays: unknown[] = [];
    try {
      for (let i = 0; i < count; i += 1)
        clients.push(await connectPatient(server.url, await server.tokens.patient(`p-idle-${i}`)));
      delays = setTimer.mock.calls.map(([, ms]) => ms);
    } finally {
      setTimer.mockRestore();
    }
    const long = delays.filter((ms) => typeof ms === 'number' && ms > 60_000);
    expect(long).toHaveLength(0);
    const sockets = [...server.server.io.of('/patient').sockets.values()];
    expect(sockets).toHaveLength(count + 1);
    for (const socket of sockets)
      expect((socket.handshake.auth as { token?: unknown }).token).toBeUndefined();
  });
});

import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo, Socket as NetSocket } from 'node:net';
import { Server, type Socket as ServerSocket } from 'socket.io';
import { type Socket as ClientSocket, io as connectSocket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { unsentBound } from '../../src/gateway/fair-use';
import { turnBatchedWsEngine } from '../../src/gateway/turn-writes';

// Frames sent to one WebSocket in one event-loop turn leave in one write; a socket whose
// reader is behind keeps engine.io's own flow control.

let cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

async function start(batched: boolean): Promise<{ io: Server; url: string }> {
  const http: HttpServer = createServer();
  const io = new Server(http, batched ? { wsEngine: turnBatchedWsEngine() } : {});
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => io.close(() => resolve())));
  return { io, url: `http://127.0.0.1:${(http.address() as AddressInfo).port}` };
}

async function connected(io: Server, url: string): Promise<[ServerSocket, ClientSocket]> {
  const arrived = new Promise<ServerSocket>((resolve) => io.once('connection', resolve));
  const client = connectSocket(url, { transports: ['websocket'], forceNew: true });
  cleanups.push(() => client.close());
  return [await arrived, client];
}

/** The server side's TCP socket, its writes counted (each is one system call). */
function countWrites(socket: ServerSocket): { raw: NetSocket; writes: () => number } {
  const raw = (socket.conn as unknown as { transport: { socket: { _socket: NetSocket } } })
    .transport.socket._socket;
  let writes = 0;
  const counted = raw as unknown as Record<'_write' | '_writev', (...args: unknown[]) => void>;
  for (const name of ['_write', '_writev'] as const) {
    const original = counted[name];
    counted[name] = function (this: unknown, ...args: unknown[]) {
      writes += 1;
      return original.apply(this, args);
    };
  }
  return { raw, writes: () => writes };
}

function received(client: ClientSocket, count: number): Promise<string[]> {
  const seen: string[] = [];
  return new Promise((resolve) =>
    client.on('n', (n: string) => {
      seen.push(n);
      if (seen.length === count) resolve(seen);
    }),
  );
}

describe('one write per WebSocket per turn', () => {
  it('sends three frames of one turn in one write, in order; plain engine.io needs more', async () => {
    const counts: Record<string, number> = {};
    for (const batched of [true, false]) {
      const { io, url } = await start(batched);
      const [socket, client] = await connected(io, url);
      const { writes } = countWrites(socket);
      const all = received(client, 3);
      socket.emit('n', 'a');
      socket.emit('n', 'b');
      socket.emit('n', 'c');
      expect(await all).toEqual(['a', 'b', 'c']);
      counts[String(batched)] = writes();
    }
    expect(counts.true).toBe(1);
    // engine.io holds the second frame until the first write's callback: two writes at least.
    expect(counts.false).toBeGreaterThanOrEqual(2);
  });

  it('frames of later turns still go out, each turn in a write of its own', async () => {
    const { io, url } = await start(true);
    const [socket, client] = await connected(io, url);
    const { writes } = countWrites(socket);
    const all = received(client, 4);
    socket.emit('n', '1');
    socket.emit('n', '2');
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    socket.emit('n', '3');
    socket.emit('n', '4');
    expect(await all).toEqual(['1', '2', '3', '4']);
    expect(writes()).toBe(2);
  });

  it('with a reader behind, engine.io waits for the real write again and buffers unsent packets', async () => {
    const { io, url } = await start(true);
    const [socket, client] = await connected(io, url);
    const { raw } = countWrites(socket);
    // The client stops reading: the kernel buffers fill, then the socket's own buffer.
    const clientRaw = (client.io.engine.transport as unknown as { ws: { _socket: NetSocket } }).ws
      ._socket;
    clientRaw.pause();
    const big = 'x'.repeat(64 * 1024);
    const engine = socket.conn as unknown as { writeBuffer: unknown[] };
    for (let i = 0; i < 200 && !raw.writableNeedDrain; i += 1) {
      socket.emit('n', big);
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(raw.writableNeedDrain).toBe(true);
    // From now on frames wait in engine.io's buffer (what the fair-use cut counts).
    socket.emit('n', 'after-1');
    socket.emit('n', 'after-2');
    await new Promise((resolve) => setImmediate(resolve));
    expect(engine.writeBuffer.length).toBeGreaterThanOrEqual(1);
    const drained = new Promise<void>((resolve) => raw.once('drain', () => resolve()));
    const last = new Promise<void>((resolve) =>
      client.on('n', (n: string) => {
        if (n === 'after-2') resolve();
      }),
    );
    clientRaw.resume();
    await drained;
    await last;
    expect(engine.writeBuffer.length).toBe(0);
  });
});

describe('a reader that keeps up', () => {
  it('is not taken for a reader behind when a turn corks past the high-water mark: the unsent bound does not cut it, the turn still leaves in few writes', async () => {
    const { io, url } = await start(true);
    const [socket, client] = await connected(io, url);
    const { writes } = countWrites(socket);
    // What the fair-use cut does in production (gateway/connection.ts), with a small bound.
    let cut = false;
    unsentBound(100, () => {
      cut = true;
    })(socket);
    const count = 600;
    const all = received(client, count).then(() => 'all' as const);
    const gone = new Promise<'cut'>((resolve) => client.on('disconnect', () => resolve('cut')));
    // One turn's callbacks (here immediates, as for I/O callbacks or timers of one turn) each
    // send a frame to the same socket: 600 × 200 bytes, far past the 16 KiB high-water mark.
    const body = 'y'.repeat(200);
    for (let i = 0; i < count; i += 1) setImmediate(() => socket.emit('n', body));
    expect(await Promise.race([all, gone])).toBe('all');
    expect(cut).toBe(false);
    expect(writes()).toBeLessThan(10);
  });
});

describe('the transport around the batch', () => {
  it('after the polling → websocket upgrade, a turn still leaves in one write, in order', async () => {
    const { io, url } = await start(true);
    const arrived = new Promise<ServerSocket>((resolve) => io.once('connection', resolve));
    // The widget's default: long-polling first, then the probe on the WebSocket.
    const client = connectSocket(url, { forceNew: true });
    cleanups.push(() => client.close());
    const socket = await arrived;
    expect(socket.conn.transport.name).toBe('polling');
    await new Promise<void>((resolve) => socket.conn.once('upgrade', () => resolve()));
    const { writes } = countWrites(socket);
    const all = received(client, 3);
    socket.emit('n', 'a');
    socket.emit('n', 'b');
    socket.emit('n', 'c');
    expect(await all).toEqual(['a', 'b', 'c']);
    expect(writes()).toBe(1);
  });

  it('a disconnect in the same turn as frames closes after them (the close frame joins the batch)', async () => {
    const { io, url } = await start(true);
    const arrived = new Promise<ServerSocket>((resolve) => io.once('connection', resolve));
    const client = connectSocket(url, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
    });
    cleanups.push(() => client.close());
    const socket = await arrived;
    const seen: string[] = [];
    client.on('n', (n: string) => seen.push(n));
    const reason = new Promise<string>((resolve) => client.on('disconnect', resolve));
    const closed = new Promise<void>((resolve) => socket.conn.once('close', () => resolve()));
    socket.emit('n', 'a');
    socket.emit('n', 'b');
    socket.disconnect(true);
    expect(await reason).toBe('io server disconnect');
    expect(seen).toEqual(['a', 'b']);
    await closed;
  });
});

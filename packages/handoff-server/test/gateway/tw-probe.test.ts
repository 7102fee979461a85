import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { io as connectSocket } from 'socket.io-client';
import { expect, it } from 'vitest';
import { turnBatchedWsEngine } from '../../src/gateway/turn-writes';

async function start(extra: Record<string, unknown> = {}) {
  const http = createServer();
  const io = new Server(http, { wsEngine: turnBatchedWsEngine(), ...extra });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  return { io, url: `http://127.0.0.1:${(http.address() as AddressInfo).port}` };
}
function got(client: any, n: number) {
  const seen: string[] = [];
  return new Promise<string[]>((r) => client.on('n', (x: string) => { seen.push(x); if (seen.length === n) r(seen); }));
}

it('upgrade from polling', async () => {
  const { io, url } = await start();
  const arrived = new Promise<any>((r) => io.once('connection', r));
  const client = connectSocket(url, { forceNew: true });
  const socket = await arrived;
  console.log('transport at connect', socket.conn.transport.name);
  const upgraded = new Promise<void>((r) => socket.conn.once('upgrade', () => r()));
  const early = got(client, 3);
  socket.emit('n', 'p1'); socket.emit('n', 'p2'); socket.emit('n', 'p3');
  await early;
  await upgraded;
  expect(socket.conn.transport.name).toBe('websocket');
  const all = got(client, 3);
  socket.emit('n', 'w1'); socket.emit('n', 'w2'); socket.emit('n', 'w3');
  console.log('upgrade', await all);
  client.close();
  await new Promise<void>((r) => io.close(() => r()));
});

it('rst then write', async () => {
  const { io, url } = await start();
  const arrived = new Promise<any>((r) => io.once('connection', r));
  const client = connectSocket(url, { transports: ['websocket'], forceNew: true });
  const socket = await arrived;
  const gone = new Promise<string>((r) => socket.on('disconnect', (reason: string) => r(reason)));
  const craw = (client.io.engine.transport as any).ws._socket;
  craw.resetAndDestroy();
  // wait until the RST is surely in the kernel: a round trip through another connection
  await new Promise((r) => setTimeout(r, 20));
  socket.emit('n', 'x'); socket.emit('n', 'y');
  console.log('rst reason', await gone);
  client.close();
  await new Promise<void>((r) => io.close(() => r()));
});

it('disconnect(true) after emits, same turn', async () => {
  const { io, url } = await start();
  const arrived = new Promise<any>((r) => io.once('connection', r));
  const client = connectSocket(url, { transports: ['websocket'], forceNew: true, reconnection: false });
  const socket = await arrived;
  const seen: string[] = [];
  client.on('n', (x: string) => seen.push(x));
  const reason = new Promise<string>((r) => client.on('disconnect', (why: string) => r(why)));
  const serverGone = new Promise<string>((r) => socket.on('disconnect', (why: string) => r(why)));
  socket.emit('n', 'a'); socket.emit('n', 'b');
  socket.disconnect(true);
  console.log('disc', await reason, seen, await serverGone);
  await new Promise<void>((r) => io.close(() => r()));
});

it('perMessageDeflate', async () => {
  const { io, url } = await start({ perMessageDeflate: { threshold: 0 } });
  const arrived = new Promise<any>((r) => io.once('connection', r));
  const client = connectSocket(url, { transports: ['websocket'], forceNew: true });
  const socket = await arrived;
  const all = got(client, 50);
  for (let i = 0; i < 50; i += 1) socket.emit('n', `m${i}`.repeat(100));
  const seen = await all;
  expect(seen.map((s) => s.slice(0, 4))).toEqual(Array.from({ length: 50 }, (_, i) => `m${i}`.repeat(100).slice(0, 4)));
  io.to('x'); io.emit('n', 'bcast');
  console.log('deflate ok');
  client.close();
  await new Promise<void>((r) => io.close(() => r()));
});

it('broadcast pre-encoded to many', async () => {
  const { io, url } = await start();
  const clients: any[] = [];
  const sockets: any[] = [];
  for (let i = 0; i < 5; i += 1) {
    const arrived = new Promise<any>((r) => io.once('connection', r));
    clients.push(connectSocket(url, { transports: ['websocket'], forceNew: true }));
    sockets.push(await arrived);
  }
  const alls = clients.map((c) => got(c, 3));
  io.emit('n', 'b1'); io.emit('n', 'b2'); io.emit('n', 'b3');
  console.log('bcast', await Promise.all(alls));
  for (const c of clients) c.close();
  await new Promise<void>((r) => io.close(() => r()));
});

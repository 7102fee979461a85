// A hostile patient in its own thread (its own event loop, so its client-side work does not
// slow the server's loop): several sockets of one token sending refused frames and unknown
// event names as fast as they can, reconnecting whenever the server closes them.
import { parentPort, workerData } from 'node:worker_threads';
import { io } from 'socket.io-client';

const { url, token, sockets: count, perTick } = workerData;
let running = true;
const stats = { sent: 0, refusedConnections: 0, closedByServer: 0 };
const junk = { v: 1, type: 'not-a-frame', id: 'flood' };

const all = [];
function open(index) {
  const socket = io(`${url}/patient`, {
    auth: { token },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  socket.on('connect_error', () => {
    stats.refusedConnections += 1;
    if (running) setTimeout(() => open(index), 20);
  });
  socket.on('disconnect', () => {
    stats.closedByServer += 1;
    if (running) setTimeout(() => open(index), 20);
  });
  all[index] = socket;
}

for (let i = 0; i < count; i += 1) open(i);
function blast() {
  if (!running) return;
  for (const socket of all) {
    if (!socket.connected) continue;
    for (let i = 0; i < perTick; i += 1) {
      if (i % 2 === 0) socket.emit('frame', junk);
      else socket.emit('bogus', junk);
      stats.sent += 1;
    }
  }
  setImmediate(blast);
}
blast();
parentPort.on('message', () => {
  running = false;
  for (const socket of all) socket.disconnect();
  parentPort.postMessage(stats);
});

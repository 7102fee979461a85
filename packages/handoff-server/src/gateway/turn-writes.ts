import { createRequire } from 'node:module';
import type { Socket as NetSocket } from 'node:net';

/**
 * One `writev` per WebSocket per event-loop turn. engine.io writes each frame with a write
 * of its own, and sends a socket's next frames only once the previous write's callback has
 * run: a patient's own copy and her ack, or the agent's copies of many conversations'
 * messages, each cost a system call (about a sixth of the server's CPU on the acked path).
 *
 * Here the first frame of a turn corks the TCP socket and the socket is uncorked once the
 * turn's I/O callbacks have run (`setImmediate`): every frame written in between leaves in
 * one `writev`. While the socket takes writes (no backlog past its high-water mark) a
 * frame's callback runs on the next tick, as when the write completes at once, so engine.io
 * hands over the frames it held back in the same turn; with a backlog the callback waits for
 * the real write, as before, and engine.io's own buffer (bounded by the fair-use cut) fills.
 *
 * It is ws's `WebSocket` class, with the sender's `sendFrame` replaced by one shared
 * function (no closure or state per connection: the cork count is the socket's own), given
 * to engine.io as its `wsEngine`. ws is the copy engine.io itself loads.
 */
type FrameCallback = (error?: Error | null) => void;
interface Sender {
  _socket: NetSocket;
  sendFrame(list: (Buffer | string)[], callback?: FrameCallback): void;
}
interface WsModule {
  WebSocket: new (...args: never[]) => { _sender: Sender | null };
  WebSocketServer: new (options: Record<string, unknown>, callback?: () => void) => object;
  Sender: { prototype: Sender };
}

// engine.io as socket.io (a dependency of ours) loads it: it is not ours to find by name.
const socketIoRequire = createRequire(createRequire(import.meta.url).resolve('socket.io'));
const engineRequire = createRequire(socketIoRequire.resolve('engine.io'));

function uncork(socket: NetSocket): void {
  if (socket.writableCorked > 0) socket.uncork();
}

let plainSendFrame: Sender['sendFrame'];

function sendFrameInTurn(this: Sender, list: (Buffer | string)[], callback?: FrameCallback) {
  const socket = this._socket;
  // Corked, the socket is in a turn that began with no backlog: its own corked bytes past
  // the high-water mark are not a reader behind (engine.io would buffer, and the fair-use
  // count fill, for a client that reads).
  if ((socket.writableNeedDrain && socket.writableCorked === 0) || socket.destroyed) {
    plainSendFrame.call(this, list, callback);
    return;
  }
  if (socket.writableCorked === 0) {
    socket.cork();
    setImmediate(uncork, socket);
  }
  plainSendFrame.call(this, list);
  if (callback) process.nextTick(callback);
}

let engine: (new (options: Record<string, unknown>, callback?: () => void) => object) | null = null;

/** The `wsEngine` for socket.io's server options. */
export function turnBatchedWsEngine(): new (
  options: Record<string, unknown>,
  callback?: () => void,
) => object {
  if (engine) return engine;
  const ws = engineRequire('ws') as WsModule;
  plainSendFrame = ws.Sender.prototype.sendFrame;
  const Base = ws.WebSocket as unknown as new (
    ...args: unknown[]
  ) => { _sender: Sender | null; setSocket(...args: unknown[]): void };
  class TurnBatchedWebSocket extends Base {
    override setSocket(...args: unknown[]): void {
      super.setSocket(...args);
      if (this._sender) this._sender.sendFrame = sendFrameInTurn;
    }
  }
  class TurnBatchedServer extends ws.WebSocketServer {
    constructor(options: Record<string, unknown>, callback?: () => void) {
      super({ ...options, WebSocket: TurnBatchedWebSocket }, callback);
    }
  }
  engine = TurnBatchedServer;
  return engine;
}

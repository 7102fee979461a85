import { BatonProtocolError, errorMessageFrom, FRAME_EVENT } from '@baton/handoff-protocol';
import type { Socket } from 'socket.io';
import type { Principal } from '../auth/principal';

/** How often due tokens are looked for: a socket is cut at most this long after `exp`. */
const EXPIRY_TICK_MS = 1000;
/** Past this many seconds behind (a stalled process, a clock jump), every bucket is scanned. */
const MAX_STEPS = 3600;

/** A token is due in the second its `exp` falls in or before (never cut early). */
const secondOf = (epochMs: number) => Math.ceil(epochMs / 1000);
/** The last whole second passed. */
const passedSecond = () => Math.floor(Date.now() / 1000);
const expiryOf = (socket: Socket) =>
  (socket.data.principal as Principal | undefined)?.tokenExpiresAt;

/**
 * A live socket lasts as long as its token: when `exp` passes it gets an `error` frame
 * `token_expired` and is disconnected; the client connects again with a fresh token.
 *
 * One timer per namespace rather than one per socket: a timer, its closures and its listener
 * cost about half a kilobyte on every idle connection. Sockets wait in buckets by the second
 * their token expires; while any waits, a tick each {@link EXPIRY_TICK_MS} cuts those due. A
 * socket that leaves first is taken out by one shared `disconnect` listener.
 */
export class TokenExpiry {
  readonly #due = new Map<number, Set<Socket>>();
  #swept = passedSecond();
  #timer: ReturnType<typeof setInterval> | undefined;
  readonly #forget: (this: Socket) => void;

  constructor() {
    const due = this.#due;
    // Called with the socket as `this`: no closure per socket.
    this.#forget = function forget(this: Socket) {
      const expiresAt = expiryOf(this);
      if (expiresAt === undefined) return;
      const bucket = due.get(secondOf(expiresAt));
      bucket?.delete(this);
      if (bucket?.size === 0) due.delete(secondOf(expiresAt));
    };
  }

  watch(socket: Socket): void {
    const expiresAt = expiryOf(socket);
    if (expiresAt === undefined) return;
    const second = secondOf(expiresAt);
    // Nothing watched: nothing was swept meanwhile either.
    if (!this.#timer) this.#swept = passedSecond();
    if (second <= this.#swept) {
      cut(socket);
      return;
    }
    let bucket = this.#due.get(second);
    if (!bucket) {
      bucket = new Set();
      this.#due.set(second, bucket);
    }
    bucket.add(socket);
    socket.on('disconnect', this.#forget);
    if (!this.#timer) {
      this.#timer = setInterval(() => this.#sweep(), EXPIRY_TICK_MS);
      this.#timer.unref();
    }
  }

  #sweep(): void {
    const now = passedSecond();
    if (now - this.#swept > MAX_STEPS) {
      for (const second of [...this.#due.keys()]) if (second <= now) this.#cutAll(second);
    } else {
      for (let second = this.#swept + 1; second <= now; second += 1) this.#cutAll(second);
    }
    this.#swept = now;
    if (this.#due.size === 0 && this.#timer) {
      clearInterval(this.#timer);
      this.#timer = undefined;
    }
  }

  #cutAll(second: number): void {
    const bucket = this.#due.get(second);
    if (!bucket) return;
    this.#due.delete(second);
    for (const socket of bucket) {
      socket.off('disconnect', this.#forget);
      cut(socket);
    }
  }
}

function cut(socket: Socket): void {
  if (!socket.connected) return;
  socket.emit(
    FRAME_EVENT,
    errorMessageFrom(new BatonProtocolError('token_expired', 'The token expired; connect again')),
  );
  socket.disconnect(true);
}

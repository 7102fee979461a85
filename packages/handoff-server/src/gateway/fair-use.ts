import type { Namespace, Socket } from 'socket.io';
import { type RateLimit, TokenBucket } from './rate-limit';
import { subjectCloser } from './subject-close';

/**
 * Fair use, per token subject (one patient, one staff member) across all their sockets on
 * this node: one token bucket, a cap on concurrent connections, and per connection a bound
 * on what the server has queued for it but could not send yet.
 */
export interface FairUseLimits {
  /** The subject's shared budget of inbound events (every event name counts). */
  rateLimit: RateLimit;
  /** Concurrent sockets of one subject in one namespace. Default 5. */
  maxConnectionsPerSubject: number;
  /**
   * Packets queued for one connection but not yet written (socket.io's write buffer). A
   * connection past it is not reading: it is closed and the queue dropped. Default 1000.
   */
  maxUnsentPackets: number;
  /** Events refused in a row for the rate limit before the connection is closed. Default 200. */
  maxRefusedInARow: number;
  /**
   * After a flood, the subject's sockets are all closed and new ones refused this long
   * (a reconnect loop cannot keep flooding). Default 30 000 ms.
   */
  floodPenaltyMs: number;
}

export const DEFAULT_FAIR_USE: Omit<FairUseLimits, 'rateLimit'> = {
  maxConnectionsPerSubject: 5,
  maxUnsentPackets: 1000,
  maxRefusedInARow: 200,
  floodPenaltyMs: 30_000,
};

interface SubjectEntry {
  /** Made at the subject's first inbound event: an idle connection has none. */
  bucket?: TokenBucket;
  sockets: number;
  /** Until when (epoch ms) the subject is refused after a flood. */
  penaltyUntil?: number;
  /** Removal once idle and refilled, so a reconnect cannot buy a fresh budget. */
  expiry?: ReturnType<typeof setTimeout>;
}

/** The budgets of every subject connected to one namespace of this node. */
export class SubjectBudgets {
  readonly #limits: FairUseLimits;
  readonly #subjects = new Map<string, SubjectEntry>();
  readonly #closeAll: (subject: string) => void;

  constructor(limits: FairUseLimits, closeAll: (subject: string) => void = () => undefined) {
    this.#limits = limits;
    this.#closeAll = closeAll;
  }

  get limits(): FairUseLimits {
    return this.#limits;
  }

  /** Counts a new connection; false when the subject already holds the most allowed. */
  admit(subject: string): boolean {
    const entry = this.#entry(subject);
    const penalized = entry.penaltyUntil !== undefined && entry.penaltyUntil > Date.now();
    if (penalized || entry.sockets >= this.#limits.maxConnectionsPerSubject) {
      this.#expireLater(subject, entry);
      return false;
    }
    entry.sockets += 1;
    if (entry.expiry) clearTimeout(entry.expiry);
    delete entry.expiry;
    return true;
  }

  release(subject: string): void {
    const entry = this.#subjects.get(subject);
    if (!entry) return;
    entry.sockets = Math.max(0, entry.sockets - 1);
    this.#expireLater(subject, entry);
  }

  /** Takes one event from the subject's budget. */
  take(subject: string): boolean {
    const entry = this.#entry(subject);
    entry.bucket ??= new TokenBucket(this.#limits.rateLimit);
    return entry.bucket.take();
  }

  /** Closes every socket of the subject, on every node. */
  closeAll(subject: string): void {
    this.#closeAll(subject);
  }

  /** The subject flooded: refused at the handshake for `floodPenaltyMs`. */
  penalize(subject: string): void {
    this.#entry(subject).penaltyUntil = Date.now() + this.#limits.floodPenaltyMs;
  }

  connections(subject: string): number {
    return this.#subjects.get(subject)?.sockets ?? 0;
  }

  #entry(subject: string): SubjectEntry {
    let entry = this.#subjects.get(subject);
    if (!entry) {
      entry = { sockets: 0 };
      this.#subjects.set(subject, entry);
    }
    return entry;
  }

  #expireLater(subject: string, entry: SubjectEntry): void {
    if (entry.sockets > 0 || entry.expiry) return;
    const { burst, perSecond } = this.#limits.rateLimit;
    const refillMs = Math.min(
      3_600_000,
      Math.max(
        Math.ceil((burst / perSecond) * 1000) + 1000,
        (entry.penaltyUntil ?? 0) - Date.now(),
      ),
    );
    entry.expiry = setTimeout(() => {
      if (this.#subjects.get(subject) === entry && entry.sockets === 0)
        this.#subjects.delete(subject);
    }, refillMs);
    entry.expiry.unref?.();
  }
}

type EngineConnection = {
  writeBuffer: unknown[];
  on(event: 'packetCreate', listener: (this: EngineConnection) => void): void;
  close(discard?: boolean): void;
};

/**
 * Closes a socket as soon as its unsent packets pass the bound: a client that sends but
 * never reads cannot make the server buffer answers for it without end. One listener
 * function for every connection (called with the connection as `this`).
 */
export function unsentBound(
  maxUnsentPackets: number,
  onClosed: () => void,
): (socket: Socket) => void {
  /** Connections already cut (until they are gone): their closing is not counted twice. */
  const cut = new WeakSet<EngineConnection>();
  function onPacket(this: EngineConnection): void {
    if (this.writeBuffer.length < maxUnsentPackets || cut.has(this)) return;
    cut.add(this);
    onClosed();
    // Discard: a close that waits for the buffer to drain would wait forever.
    this.close(true);
  }
  return (socket) => (socket.conn as unknown as EngineConnection).on('packetCreate', onPacket);
}

/** Set on a socket counted in its subject's connections, until it is counted out. */
const COUNTED = Symbol('fair-use counted');
type Counted = { [COUNTED]?: boolean };

/**
 * Handshake step (after the token's): refuses a subject's connection past the cap with a
 * typed `rate_limited` connect error, and counts it out again however the socket goes: when
 * it disconnects, or, if it never connects (its transport closed during the handshake), at
 * once. One shared `disconnect` listener, no closure per socket.
 */
export function capConnections(
  namespace: Namespace,
  budgets: SubjectBudgets,
  subjectOf: (socket: Socket) => string,
  onRefused?: () => void,
): void {
  const release = (socket: Socket) => {
    const data = socket.data as Counted;
    if (!data[COUNTED]) return;
    data[COUNTED] = false;
    budgets.release(subjectOf(socket));
  };
  function onDisconnect(this: Socket): void {
    release(this);
  }
  /**
   * Runs right after socket.io's own step that connects the socket or drops it (both are
   * queued with `process.nextTick` when the last middleware calls `next`).
   */
  const settle = (socket: Socket) => {
    if (socket.connected) {
      socket.on('disconnect', onDisconnect);
      return;
    }
    const pending = (namespace as unknown as { _preConnectSockets?: Map<string, Socket> })
      ._preConnectSockets;
    const connecting = pending
      ? pending.has(socket.id)
      : (socket.conn as unknown as { readyState: string }).readyState === 'open';
    if (!connecting) {
      // Never connected, or already gone before this step.
      release(socket);
      return;
    }
    // Still connecting (a socket.io that connects later than it does today): counted out
    // however it goes.
    socket.once('disconnect', onDisconnect);
    socket.conn.once('close', () => release(socket));
  };
  namespace.use((socket: Socket, next: (err?: Error) => void) => {
    const subject = subjectOf(socket);
    if (!budgets.admit(subject)) {
      onRefused?.();
      const error = new Error('too many connections') as Error & { data?: unknown };
      error.data = { code: 'rate_limited', reason: 'connections' };
      next(error);
      return;
    }
    (socket.data as Counted)[COUNTED] = true;
    next();
    process.nextTick(settle, socket);
  });
}

/**
 * Fair use on one namespace: the connection cap at the handshake, and what `serveFrames`
 * needs (the budgets, and where to count a closed connection).
 */
export function guardFairUse(
  namespace: Namespace,
  limits: FairUseLimits,
  subjectOf: (socket: Socket) => string,
  count: (namespace: string, reason: 'connections' | 'unsent' | 'flood') => void,
  /** Several nodes share the adapter (Redis): a flood closes the subject's sockets on each. */
  clustered = false,
): { budgets: SubjectBudgets; onFairUse: (reason: 'unsent' | 'flood') => void } {
  const budgets = new SubjectBudgets(limits, subjectCloser(namespace, subjectOf, clustered));
  capConnections(namespace, budgets, subjectOf, () => count(namespace.name, 'connections'));
  return { budgets, onFairUse: (reason) => count(namespace.name, reason) };
}

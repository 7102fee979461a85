import { type AgentToServer, FRAME_EVENT } from '@baton/handoff-protocol';
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import { AgentConsoleError } from '../errors';
import type { ConnectionStatus } from './console-state';

export interface ConsoleSessionOptions {
  /** Origin of the handoff server, e.g. `https://chat.example.org`. */
  serverUrl: string;
  /** A staff token; called again on every reconnect, so it may refresh. Kept in memory only. */
  getToken: () => string | Promise<string>;
  /** Resend a message or note that has no `ack` after this long (default 10 s). */
  ackTimeoutMs?: number;
  /** Extra socket.io-client options (tests: transports, reconnection delays). */
  socket?: Partial<ManagerOptions & SocketOptions>;
}

/** What the socket reports to the session. */
export interface AgentSocketEvents {
  connected(): void;
  status(connection: ConnectionStatus): void;
  frame(input: unknown): void;
}

/**
 * The socket.io connection to `/agent`: authenticates with a fresh token on every
 * (re)connection and comes back at once when the server ends a session whose token expired.
 */
export class AgentSocket {
  readonly #socket: Socket;
  #token: string;
  #closed = false;
  /** The server said `token_expired`: the disconnect that follows reconnects at once. */
  #tokenExpired = false;

  constructor(token: string, options: ConsoleSessionOptions, events: AgentSocketEvents) {
    this.#token = token;
    const base = options.serverUrl.replace(/\/+$/, '');
    this.#socket = io(`${base}/agent`, {
      transports: ['websocket'],
      ...options.socket,
      autoConnect: false,
      auth: (callback) => {
        Promise.resolve(options.getToken()).then(
          (fresh) => {
            this.#token = fresh;
            callback({ token: fresh });
          },
          () => callback({ token: this.#token }),
        );
      },
    });
    this.#socket.on('connect', () => events.connected());
    this.#socket.on('disconnect', (reason) => {
      // The token expired: back at once with a fresh one from `getToken` (the cookie session).
      const renew = reason === 'io server disconnect' && this.#tokenExpired && !this.#closed;
      this.#tokenExpired = false;
      events.status(this.#socket.active || renew ? 'reconnecting' : 'disconnected');
      if (renew) this.#socket.connect();
    });
    this.#socket.on('connect_error', () => {
      events.status(this.#socket.active ? 'reconnecting' : 'unauthorized');
    });
    this.#socket.on(FRAME_EVENT, (input: unknown) => events.frame(input));
  }

  /** The current staff token (memory only). */
  get token(): string {
    return this.#token;
  }

  get connected(): boolean {
    return this.#socket.connected;
  }

  /** Connects; resolves on the first connection, rejects if the server refuses the token. */
  connect(timeoutMs: number): Promise<void> {
    if (this.#closed) return Promise.reject(new AgentConsoleError('closed'));
    return new Promise((resolve, reject) => {
      const done = (error?: unknown) => {
        clearTimeout(timer);
        this.#socket.off('connect', onConnect);
        this.#socket.off('connect_error', onError);
        if (error === undefined) resolve();
        else reject(new AgentConsoleError('connection_failed', { cause: error }));
      };
      const onConnect = () => done();
      const onError = (error: Error) => {
        if (!this.#socket.active) done(error);
      };
      const timer = setTimeout(() => done(new Error('timeout')), timeoutMs);
      this.#socket.on('connect', onConnect);
      this.#socket.on('connect_error', onError);
      this.#socket.connect();
    });
  }

  /** The server refused the token as expired: the disconnect that follows reconnects. */
  tokenExpired(): void {
    this.#tokenExpired = true;
  }

  /** Puts a frame on the wire; false when offline. */
  emit(frame: AgentToServer): boolean {
    if (!this.#socket.connected) return false;
    this.#socket.emit(FRAME_EVENT, frame);
    return true;
  }

  close(): void {
    this.#closed = true;
    this.#socket.removeAllListeners();
    this.#socket.disconnect();
  }
}

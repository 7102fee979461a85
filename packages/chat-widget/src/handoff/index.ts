import type { RoutingHints } from '@baton/handoff-protocol';

/** The `handoff` option: where the handoff server is, and how to route there. */
export interface HandoffOptions {
  /** The handoff server's origin, e.g. `https://chat.example.org` (its `/patient` namespace). */
  serverUrl: string;
  /** Routing hints sent with every request (department, skills, language). */
  routing?: RoutingHints;
  /** Resend an unacknowledged message after this long (ms, default 8000, doubling). */
  ackTimeoutMs?: number;
  /** Reconnection delays of the socket (ms; tests). */
  reconnectionDelayMs?: number;
}

/** The handoff chunks, loaded only when a handoff starts: transport (socket.io) and UI. */
export interface HandoffModule {
  client: typeof import('./client');
  ui: typeof import('./ui/index');
}

export async function loadHandoffModule(): Promise<HandoffModule> {
  const [client, ui] = await Promise.all([import('./client'), import('./ui/index')]);
  return { client, ui };
}

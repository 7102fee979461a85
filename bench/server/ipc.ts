// The little protocol between the bench driver (bench/server.ts) and its server child.

export type ServerKind = 'bare' | 'baton';

export type ChildRequest =
  | { cmd: 'memory' }
  | { cmd: 'stop' }
  /** Baton: `waiting` conversations queued and `finished` ones ended, written to the store directly. */
  | { cmd: 'seed'; waiting: number; finished: number }
  /** CPU used so far and the longest event-loop stall since the last `stats` (then reset). */
  | { cmd: 'stats' };

export type ChildReply =
  | { type: 'ready'; url: string }
  | { type: 'memory'; heapUsed: number; rss: number; sockets: number }
  | { type: 'seeded' }
  | {
      type: 'stats';
      cpuMicros: number;
      maxStallMs: number;
      sockets: number;
      /** Time the event loop was busy so far, in ms (its idle time is waiting for I/O). */
      loopBusyMs: number;
      /** Statements sent to PostgreSQL so far (every connection), with that store. */
      statements?: number;
    };

/** Where the Baton child keeps its data (`BENCH_STORE`, and `BENCH_DATABASE_URL` for PostgreSQL). */
export type StoreKind = 'sqlite' | 'postgres';

export const BENCH_ISSUERS = {
  patient: { issuer: 'bench-portal', audience: 'baton-handoff' },
  staff: { issuer: 'bench-idp', audience: 'baton-agent-console' },
} as const;

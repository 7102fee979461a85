// The little protocol between the bench driver (bench/server.ts) and its server child.

export type ServerKind = 'bare' | 'baton';

export type ChildRequest = { cmd: 'memory' } | { cmd: 'stop' };

export type ChildReply =
  | { type: 'ready'; url: string }
  | { type: 'memory'; heapUsed: number; rss: number; sockets: number };

export const BENCH_ISSUERS = {
  patient: { issuer: 'bench-portal', audience: 'baton-handoff' },
  staff: { issuer: 'bench-idp', audience: 'baton-agent-console' },
} as const;

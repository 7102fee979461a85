import type { Server as HttpServer } from 'node:http';
import type { FallbackOption } from '@baton/handoff-protocol';
import type { Server } from 'socket.io';
import type { AgentDeskPort } from './adapters/agent-desk-port';
import type { HandoffAdapter } from './adapters/contract';
import type { AttachmentSettings } from './attachments/settings';
import type { DevSignIn } from './auth/dev-signin';
import type { SignInThrottleOptions } from './auth/signin-guard';
import type { StaffSessionsOptions } from './auth/staff-session';
import type { ChatActionsConfig } from './chat-actions/config';
import type { AgentDesk, AgentDeskOptions } from './desk/desk';
import type { ConversationEngine, ConversationEngineOptions } from './engine/engine';
import type { BotChannel, EngineTimeouts } from './engine/types';
import type { FairUseLimits } from './gateway/fair-use';
import type { RateLimit } from './gateway/rate-limit';
import type { TokenVerifiers } from './gateway/transcript-export';
import type { NotificationOptions } from './notify/setup';
import type { AdapterChoice, AdapterRoute } from './ops/adapter-choice';
import type { Logger } from './ops/logger';
import type { ServerMetrics } from './ops/metrics';
import type { MetricsEndpointOptions } from './ops/metrics-endpoint';
import type { PatientContextProvider } from './patient-context/provider';
import type { ConversationStore } from './storage/contract';

/** A connected Redis client pair for `@socket.io/redis-adapter` (node-redis v5 or ioredis). */
export interface RedisClients {
  pubClient: { ping(): Promise<unknown> };
  subClient: unknown;
}

export interface HandoffServerOptions {
  store: ConversationStore;
  auth: TokenVerifiers;
  /**
   * The agent system: a built-in one by `kind` (`desk`, `webhook`, `botframework-hub`; their
   * HTTP handlers are mounted on this server), or any `HandoffAdapter`. Default: the desk,
   * built from `desk`; a desk made with `createAgentDesk` (on the same store) is used as is.
   */
  adapter?: HandoffAdapter | AdapterChoice;
  /** More HTTP handlers for an adapter of your own (e.g. its inbound API). */
  adapterRoutes?: readonly AdapterRoute[];
  desk?: Omit<AgentDeskOptions, 'store'>;
  /**
   * The agent system the `/agent` namespace hands agents' requests to (claim, write, queues,
   * presence, the supervisor's map), already authenticated and parsed; it reports outcomes
   * through an `AdapterHost` of its own (e.g. as the `adapter` too). Default: the built-in desk.
   */
  agentDesk?: AgentDeskPort;
  /** Browser origins allowed to connect (`*` for any). Clients without `Origin` always pass. */
  allowedOrigins?: readonly string[];
  timeouts?: Partial<EngineTimeouts>;
  fallbacks?: readonly FallbackOption[];
  /** Inbound events per token subject (shared by all its sockets). */
  rateLimit?: RateLimit;
  /** Connection cap per subject, unsent-packet bound, flood cut-off (see `FairUseLimits`). */
  fairUse?: Partial<Omit<FairUseLimits, 'rateLimit'>>;
  /**
   * Where staff's view of the patient comes from (name, locale, attributes): only signed or
   * server-side sources. Default: the patient token's claims (`tokenClaimsPatientContext`).
   */
  patientContext?: PatientContextProvider;
  /** Largest socket.io message in bytes. Default 1 MiB. */
  maxFrameBytes?: number;
  botChannel?: BotChannel;
  /** Surveys (e.g. one at the end of every chat), appointment reminders, slot offers. */
  followups?: ConversationEngineOptions['followups'];
  logger?: Logger;
  redis?: RedisClients;
  devSignIn?: DevSignIn;
  /** Who may read `/metrics`: a bearer token, or a port of its own (default: main port, open). */
  metricsEndpoint?: MetricsEndpointOptions;
  /** Failed sign-ins allowed per client address and username (development sign-in). */
  signInThrottle?: SignInThrottleOptions;
  /**
   * Staff sessions behind an HttpOnly cookie (`/api/session…`): needs a signing key for the
   * short-lived socket tokens it exchanges the cookie for (the server's own HS256 secret).
   */
  staffSessions?: Omit<StaffSessionsOptions, 'store'>;
  /**
   * A built agent console folder (`index.html`, `app.js`, `app.css`, e.g. `consoleAssetsDir()`
   * of `@baton/agent-console/assets`) to serve under `/console/`, with `/` redirected there.
   * Off by default.
   */
  consoleDir?: string;
  /** Durable deadlines: how often this node polls, how long a claim holds, its name. */
  schedules?: ConversationEngineOptions['schedules'];
  /** How long each `/readyz` check may take before it counts as down. Default 2000 ms. */
  readinessTimeoutMs?: number;
  /** Close the store in `close()`. Default true. */
  closeStore?: boolean;
  /** What agents may do during a chat: call link template, slot offers, dispositions. */
  chatActions?: Partial<ChatActionsConfig>;
  /** Appointment reminders by e-mail and/or webhook, through the outbox (see `notify/`). */
  notifications?: NotificationOptions;
  /** The organisation's IANA time zone: analytics days start at its midnight. Default `UTC`. */
  timeZone?: string;
  /** Finished conversations are purged this many days after they end (seed; null: kept). */
  retentionDays?: number | null;
  /** Files in conversations: size ceiling, accepted types, on/off (see `attachments/`). */
  attachments?: Partial<AttachmentSettings>;
  /**
   * Longest a node trusts its cached copy of an administrator's setting (business hours,
   * routing, end survey…) without hearing of a change; saves reach every node at once over
   * the Redis link. Default 60000; 0 reads the store every time.
   */
  settingsCacheMs?: number;
}

export interface HandoffServer {
  readonly httpServer: HttpServer;
  readonly io: Server;
  readonly engine: ConversationEngine;
  readonly desk: AgentDesk;
  /** The adapter the engine hands conversations to (the desk by default). */
  readonly adapter: HandoffAdapter;
  readonly metrics: ServerMetrics;
  readonly logger: Logger;
  /** Starts the engine (recovery included) and listens. Port 0 picks a free port. */
  listen(port?: number, host?: string): Promise<{ port: number; url: string }>;
  /** Graceful: refuse new connections and frames, finish in-flight commits, close everything. */
  close(): Promise<void>;
}

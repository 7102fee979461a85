import { createServer, type Server as HttpServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FallbackOption } from '@baton/handoff-protocol';
import { createAdapter as createRedisAdapter } from '@socket.io/redis-adapter';
import { Server, type Socket } from 'socket.io';
import type { HandoffAdapter } from './adapters/contract';
import type { DevSignIn } from './auth/dev-signin';
import { type Principal, principalId } from './auth/principal';
import { guardDevSignIn, type SignInThrottleOptions } from './auth/signin-guard';
import { createStaffSessions, type StaffSessionsOptions } from './auth/staff-session';
import { createCallRoutes } from './calls/call-routes';
import { type ChatActionsConfig, DEFAULT_CHAT_ACTIONS } from './desk/chat-actions/config';
import { AgentDesk, type AgentDeskOptions } from './desk/desk';
import { errorCode } from './engine/core';
import { ConversationEngine, type ConversationEngineOptions } from './engine/engine';
import { APPOINTMENT_LINK_PATH } from './engine/followups/appointment-links';
import type { BotChannel, EngineTimeouts } from './engine/types';
import { serveAgents } from './gateway/agent-namespace';
import { clusterRoomWatched } from './gateway/cluster-watch';
import { DEFAULT_FAIR_USE, type FairUseLimits, guardFairUse } from './gateway/fair-use';
import { requireToken } from './gateway/handshake';
import { allowRequestFor, createOriginCheck } from './gateway/origin';
import { servePatients } from './gateway/patient-namespace';
import { DEFAULT_RATE_LIMIT, type RateLimit } from './gateway/rate-limit';
import { publisherForAdapter, resyncAfterRedisReconnect } from './gateway/redis-link';
import { AGENT_NAMESPACE, createSocketDelivery, PATIENT_NAMESPACE, rooms } from './gateway/rooms';
import type { HttpReply, TokenVerifiers } from './gateway/transcript-export';
import { scheduleRetention } from './insights/retention';
import { createInsightRoutes } from './insights/routes';
import { SETTINGS_CHANGED_EVENT, SettingsCache } from './insights/settings-cache';
import { createNotifications, type NotificationOptions } from './notify/setup';
import {
  type AdapterChoice,
  type AdapterRoute,
  isAdapterChoice,
  mountAdapter,
  withWatchingAgents,
} from './ops/adapter-choice';
import { createAdminRoutes } from './ops/admin-routes';
import { createAppointmentPages } from './ops/appointment-pages';
import { createConsoleAssets } from './ops/console-assets';
import { createHttpRoutes, readJson } from './ops/http';
import { createLogger, type Logger } from './ops/logger';
import { ServerMetrics } from './ops/metrics';
import { type MetricsEndpointOptions, startMetricsServer } from './ops/metrics-endpoint';
import { createSessionRoutes } from './ops/session-routes';
import { createSlotAdminRoutes } from './ops/slot-admin-routes';
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
   * HTTP handlers are mounted on this server), or any `HandoffAdapter`. Default: the desk.
   */
  adapter?: HandoffAdapter | AdapterChoice;
  /** More HTTP handlers for an adapter of your own (e.g. its inbound API). */
  adapterRoutes?: readonly AdapterRoute[];
  desk?: Omit<AgentDeskOptions, 'store'>;
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

export function createHandoffServer(options: HandoffServerOptions): HandoffServer {
  const logger = options.logger ?? createLogger();
  // Settings read on hot paths come from a per-node cache, dropped when any node saves one.
  const settingsCache = new SettingsCache(options.store, {
    ...(options.settingsCacheMs !== undefined ? { maxAgeMs: options.settingsCacheMs } : {}),
  });
  const { store } = settingsCache;
  const metrics = new ServerMetrics(store, {
    // Only queue names the operator configured become label values: never a patient's input.
    queueLabels: [
      ...(options.desk?.routing?.queues ?? []).map((q) => q.queue),
      options.desk?.routing?.defaultQueue ?? 'general',
    ],
  });
  const desk = new AgentDesk({ store, ...options.desk });
  const choice = options.adapter ?? { kind: 'desk' };
  const mounted = isAdapterChoice(choice)
    ? mountAdapter(choice, desk, store)
    : { adapter: choice, routes: [] };
  const adapter = mounted.adapter;
  const adapterRoutes = [...mounted.routes, ...(options.adapterRoutes ?? [])];
  let closing = false;
  let closed: Promise<void> | undefined;

  const consoleAssets = options.consoleDir ? createConsoleAssets(options.consoleDir) : undefined;
  const isAllowedOrigin = createOriginCheck(options.allowedOrigins ?? []);
  // A refused origin is a failed handshake too: audited (no token was read).
  const originRefused = () => {
    store
      .appendAudit({
        action: 'auth.handshake',
        outcome: 'denied',
        actorId: 'unverified',
        actorRole: 'unverified',
        reason: 'origin_not_allowed',
      })
      .catch(() => logger.warn({}, 'handshake audit failed'));
  };
  const allowOrigin = allowRequestFor(isAllowedOrigin, originRefused);
  const httpServer = createServer();
  const io = new Server(httpServer, {
    serveClient: false,
    maxHttpBufferSize: options.maxFrameBytes ?? 1024 * 1024,
    allowRequest: (req, callback) =>
      closing ? callback('closing', false) : allowOrigin(req, callback),
    cors: { origin: (origin, callback) => callback(null, isAllowedOrigin(origin)) },
  });
  // Requests that carry a session id (upgrades from polling) are checked too.
  io.engine.use(
    (req: { headers: Record<string, unknown> }, _res: unknown, next: (err?: Error) => void) => {
      const origin = req.headers.origin;
      if (isAllowedOrigin(typeof origin === 'string' ? origin : undefined)) return next();
      originRefused();
      next(new Error('origin not allowed'));
    },
  );
  let publishFailed = false;
  if (options.redis) {
    const publisher = publisherForAdapter(options.redis.pubClient, (error) => {
      if (!publishFailed) logger.warn({ err: errorCode(error) }, 'redis publish failed');
      publishFailed = true;
    });
    io.adapter(createRedisAdapter(publisher, options.redis.subClient));
    settingsCache.onChanged = (name) => io.serverSideEmit(SETTINGS_CHANGED_EVENT, name);
    io.on(SETTINGS_CHANGED_EVENT, (name: unknown) =>
      settingsCache.invalidate(typeof name === 'string' ? name : undefined),
    );
  }
  const stopResync = options.redis
    ? resyncAfterRedisReconnect(io, options.redis.subClient, () => {
        publishFailed = false;
        // A change broadcast while the link was down never arrived: read every setting again.
        settingsCache.invalidate();
        logger.info({}, 'redis subscriber back: clients told to resync');
      })
    : () => undefined;

  const delivery = createSocketDelivery(io, store);
  const notifications = options.notifications
    ? createNotifications(
        {
          // The reminder carries the signed cancel/reschedule links when they are configured.
          linksFor: (booking) =>
            engine.followups.appointmentLinks?.({
              conversationId: booking.conversationId,
              patientId: booking.patientId,
              slotId: booking.slotId,
              appointmentStart: booking.start,
              ...(booking.locale ? { locale: booking.locale } : {}),
              ...(booking.timeZone ? { timeZone: booking.timeZone } : {}),
            }) ?? null,
          ...options.notifications,
        },
        {
          store,
          logger,
          verifiers: options.auth,
          request: (id) => engine.request(id),
          registry: metrics.registry,
        },
      )
    : null;
  const followups = notifications
    ? { ...options.followups, reminderSender: notifications.reminderSender }
    : options.followups;
  const engine: ConversationEngine = new ConversationEngine({
    store,
    // With another adapter, supervisors watching a conversation still see the patient's side.
    adapter: adapter === desk ? desk : withWatchingAgents(adapter, desk),
    delivery,
    logger,
    // Agents of another agent system are not in the store: only business hours apply then.
    hooks:
      adapter === desk
        ? desk.hooks
        : { ...desk.hooks, staffing: (c) => desk.staffing(c, { checkAgents: false }) },
    metrics,
    ...(options.timeouts ? { timeouts: options.timeouts } : {}),
    ...(options.fallbacks ? { fallbacks: options.fallbacks } : {}),
    ...(options.botChannel ? { botChannel: options.botChannel } : {}),
    ...(followups ? { followups } : {}),
    ...(options.schedules ? { schedules: options.schedules } : {}),
    ...(options.patientContext ? { patientContext: options.patientContext } : {}),
    ...(options.desk?.routing?.defaultQueue
      ? { defaultQueue: options.desk.routing.defaultQueue }
      : {}),
    // With the desk, agents connect here: one gone past her grace loses her conversations.
    ...(adapter === desk
      ? {
          agentConnected: async (agentId: string) =>
            (await io.of(AGENT_NAMESPACE).in(rooms.agent(agentId)).fetchSockets()).length > 0,
        }
      : {}),
  });
  desk.attach({
    delivery,
    // Supervisors on any node: this node's room, else the cluster's (cached; see the helper).
    supervisorsWatching: clusterRoomWatched(io.of(AGENT_NAMESPACE), rooms.supervisors),
    lookup: (id) => engine.request(id),
    link: {
      authorize: (staff, id, action, details) => engine.agent.authorize(staff, id, action, details),
      authorizeRecord: (staff, id, conversation, action) =>
        engine.agent.authorizeRecord(staff, id, conversation, action),
      committed: (id, externalId) => engine.committedAdapterMessage(id, externalId),
    },
  });
  engine.onChange(desk.onChange);
  engine.botSessions.listeners.add(desk.botSessionChanged);
  scheduleRetention({
    store,
    scheduler: engine.scheduler,
    logger,
    seedDays: options.retentionDays ?? null,
  });
  desk.onQueueUnstaffed((queue) => {
    engine.recheckStaffing(queue).catch(() => logger.warn({ queue }, 'staffing re-check failed'));
  });
  // The dashboard's worklist figures follow every item created, claimed or closed.
  engine.worklist.onChange((_change, item) => {
    desk.kpisChanged();
    desk.followUpChanged(item.conversationId);
  });
  engine.followups.onEvent((notice) => {
    if (notice.type === 'survey.completed') desk.kpisChanged();
  });

  /** Development sign-in throttled per address and username, failures audited. */
  const devSignIn = options.devSignIn
    ? guardDevSignIn(options.devSignIn, store, options.signInThrottle)
    : undefined;
  /** Every socket of one person, on every node (the Redis adapter carries it). */
  const disconnectStaff = (staffId: string) =>
    io.of(AGENT_NAMESPACE).in(rooms.agent(staffId)).disconnectSockets(true);
  const staffSessions = options.staffSessions
    ? createStaffSessions({ store, ...options.staffSessions })
    : undefined;
  const sessionRoutes = staffSessions
    ? createSessionRoutes({
        sessions: staffSessions,
        verifiers: options.auth,
        ...(devSignIn ? { devSignIn } : {}),
        allowedOrigins: options.allowedOrigins ?? [],
        onSignedOut: disconnectStaff,
        readJson,
      })
    : undefined;
  const fairUse: FairUseLimits = {
    ...DEFAULT_FAIR_USE,
    ...options.fairUse,
    rateLimit: options.rateLimit ?? DEFAULT_RATE_LIMIT,
  };
  const onFrameError = (code: string) => metrics.frameError(code);
  const patients = io.of(PATIENT_NAMESPACE);
  const agents = io.of(AGENT_NAMESPACE);
  requireToken(patients, options.auth.verifyPatient, logger, store);
  requireToken(agents, options.auth.verifyStaff, logger, store, async (staff) =>
    (await store.getDisabledStaff(staff.staffId)) ? 'staff_disabled' : null,
  );
  const subjectOf = (socket: Socket) => principalId(socket.data.principal as Principal);
  const count = metrics.fairUse.bind(metrics);
  const patientUse = guardFairUse(patients, fairUse, subjectOf, count);
  const staffUse = guardFairUse(agents, fairUse, subjectOf, count);
  for (const namespace of [patients, agents]) {
    namespace.on('connection', (socket) => {
      metrics.connections.inc({ namespace: namespace.name });
      socket.on('disconnect', () => metrics.connections.dec({ namespace: namespace.name }));
    });
  }
  servePatients(patients, { engine, logger, onFrameError, ...patientUse });
  serveAgents(agents, {
    engine,
    desk,
    logger,
    onFrameError,
    ...staffUse,
    ...(staffSessions ? { sessions: staffSessions } : {}),
    chatActions: { ...DEFAULT_CHAT_ACTIONS, ...options.chatActions },
  });

  const readiness: Record<string, () => Promise<void>> = {
    database: async () => {
      await store.getConversation('readyz-probe');
    },
  };
  if (options.redis) {
    const redis = options.redis.pubClient;
    readiness.redis = async () => {
      await redis.ping();
    };
  }
  const routes = createHttpRoutes({
    engine,
    verifiers: options.auth,
    metrics,
    readiness,
    logger,
    isClosing: () => closing,
    ...(options.readinessTimeoutMs ? { readinessTimeoutMs: options.readinessTimeoutMs } : {}),
    ...(devSignIn ? { devSignIn } : {}),
    ...(sessionRoutes ? { sessionRoutes } : {}),
    adminRoutes: chainRoutes(
      createAdminRoutes({ store, verifiers: options.auth, disconnectStaff }),
      createSlotAdminRoutes({ store, verifiers: options.auth }),
      createCallRoutes(engine, options.auth),
      notifications?.routes,
    ),
    insightRoutes: createInsightRoutes({
      store,
      verifiers: options.auth,
      ...(options.timeZone ? { timeZone: options.timeZone } : {}),
      ...(options.desk?.businessHours ? { businessHoursSeed: options.desk.businessHours } : {}),
      retentionDays: options.retentionDays ?? null,
      endSurveySeed: options.followups?.surveyOnEnd ?? null,
      ...(options.desk?.routing ? { routingSeed: options.desk.routing } : {}),
      allowedOrigins: options.allowedOrigins ?? [],
    }),
    ...(options.metricsEndpoint ? { metricsEndpoint: options.metricsEndpoint } : {}),
  });
  const linkSigner = engine.followups.linkSigner;
  const appointmentPages = linkSigner
    ? createAppointmentPages({
        followUps: engine.followups,
        signer: linkSigner,
        logger,
        audit: (event) => store.appendAudit(event),
      })
    : null;
  let metricsServer: HttpServer | undefined;
  httpServer.on('request', (req, res) => {
    if (req.url?.startsWith('/socket.io/')) return;
    const path = (req.url ?? '/').split('?')[0]!;
    if (consoleAssets?.handles(path)) {
      consoleAssets.serve(req, res, path).catch(() => {
        logger.warn({}, 'console asset request failed');
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
      return;
    }
    const route = adapterRoutes.find((r) => path.startsWith(r.prefix));
    if (route) return route.handler(req, res);
    if (appointmentPages && path.startsWith(APPOINTMENT_LINK_PATH)) {
      void appointmentPages(req, res, path).then((handled) => {
        if (!handled) void routes(req, res);
      });
      return;
    }
    void routes(req, res);
  });

  async function shutdown(): Promise<void> {
    closing = true;
    stopResync();
    logger.info({}, 'shutting down');
    metricsServer?.close();
    await notifications?.outbox.stop();
    await engine.stop();
    if (adapter !== desk) await desk.stop();
    await new Promise<void>((resolve) => {
      io.close(() => resolve());
    });
    if (options.closeStore !== false) await store.close();
    logger.info({}, 'shut down');
  }

  return {
    httpServer,
    io,
    engine,
    desk,
    adapter,
    metrics,
    logger,
    async listen(port = 0, host = '127.0.0.1') {
      await engine.start();
      notifications?.outbox.start();
      await new Promise<void>((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          httpServer.off('error', reject);
          resolve();
        });
      });
      const metricsPort = options.metricsEndpoint?.port;
      if (metricsPort !== undefined) {
        const started = await startMetricsServer(metrics.registry, {
          ...options.metricsEndpoint,
          port: metricsPort,
        });
        metricsServer = started.server;
        logger.info({ port: started.port }, 'metrics listening');
      }
      const address = httpServer.address() as AddressInfo;
      const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      logger.info({ port: address.port, host: address.address }, 'listening');
      return { port: address.port, url: `http://${shownHost}:${address.port}` };
    },
    close() {
      closed ??= shutdown();
      return closed;
    },
  };
}

type AdminRoute = (req: IncomingMessage, path: string) => Promise<HttpReply | null>;

/** Admin routes, then calls (`/api/calls`, `…/call`), then the outbox's when reminders are on. */
function chainRoutes(...routes: (AdminRoute | undefined)[]): AdminRoute {
  const present = routes.filter((r): r is AdminRoute => r !== undefined);
  return async (req, path) => {
    for (const route of present) {
      const reply = await route(req, path);
      if (reply) return reply;
    }
    return null;
  };
}

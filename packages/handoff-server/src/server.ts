import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Socket } from 'socket.io';
import { type Principal, principalId } from './auth/principal';
import { guardDevSignIn } from './auth/signin-guard';
import { createStaffDirectory } from './auth/staff-directory';
import { createStaffSessions } from './auth/staff-session';
import { DEFAULT_CHAT_ACTIONS } from './chat-actions/config';
import { AgentDesk } from './desk/desk';
import { ConversationEngine } from './engine/engine';
import { serveAgents } from './gateway/agent-namespace';
import { DEFAULT_FAIR_USE, type FairUseLimits, guardFairUse } from './gateway/fair-use';
import { requireToken } from './gateway/handshake';
import { createOriginCheck } from './gateway/origin';
import { servePatients } from './gateway/patient-namespace';
import { DEFAULT_RATE_LIMIT } from './gateway/rate-limit';
import { AGENT_NAMESPACE, createSocketDelivery, PATIENT_NAMESPACE, rooms } from './gateway/rooms';
import { createSocketServer } from './gateway/socket-server';
import { createStaffRefresh } from './gateway/staff-refresh';
import { scheduleRetention } from './insights/retention';
import { SettingsCache } from './insights/settings-cache';
import { createNotifications } from './notify/setup';
import { isAdapterChoice, mountAdapter, withWatchingAgents } from './ops/adapter-choice';
import { createConsoleAssets } from './ops/console-assets';
import { wireDesk } from './ops/desk-wiring';
import { createLogger } from './ops/logger';
import { ServerMetrics } from './ops/metrics';
import { startMetricsServer } from './ops/metrics-endpoint';
import { createServerRequestHandler } from './ops/server-routes';
import type { HandoffServer, HandoffServerOptions } from './server-options';

export type { HandoffServer, HandoffServerOptions, RedisClients } from './server-options';

export function createHandoffServer(given: HandoffServerOptions): HandoffServer {
  // Settings read on hot paths come from a per-node cache, dropped when any node saves one.
  const settingsCache = new SettingsCache(given.store, {
    ...(given.settingsCacheMs !== undefined ? { maxAgeMs: given.settingsCacheMs } : {}),
  });
  const { store } = settingsCache;
  // Staff roles and queues: an administrator's assignment overrides the identity provider's.
  const staffDirectory = createStaffDirectory(store);
  const options = { ...given, auth: staffDirectory.verifiers(given.auth) };
  const logger = options.logger ?? createLogger();
  const metrics = new ServerMetrics(store, {
    // Only queue names the operator configured become label values: never a patient's input.
    queueLabels: [
      ...(options.desk?.routing?.queues ?? []).map((q) => q.queue),
      options.desk?.routing?.defaultQueue ?? 'general',
    ],
  });
  const desk =
    options.adapter instanceof AgentDesk
      ? options.adapter
      : new AgentDesk({
          store,
          ...(options.timeZone ? { timeZone: options.timeZone } : {}),
          ...options.desk,
        });
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
  const httpServer = createServer();
  const { io, stopResync } = createSocketServer(httpServer, {
    store,
    logger,
    isAllowedOrigin,
    isClosing: () => closing,
    maxFrameBytes: options.maxFrameBytes,
    redis: options.redis,
    settingsCache,
  });

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
              ...(booking.appointmentId ? { appointmentId: booking.appointmentId } : {}),
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
          appointment: (id, patientId) => engine.followups.scheduling.appointment(id, patientId),
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
    ...(options.attachments ? { attachments: options.attachments } : {}),
  });
  wireDesk(desk, { engine, delivery, agents: io.of(AGENT_NAMESPACE), logger });
  scheduleRetention({
    store,
    scheduler: engine.scheduler,
    logger,
    seedDays: options.retentionDays ?? null,
  });
  /** Development sign-in throttled per address and username, failures audited. */
  const devSignIn = options.devSignIn
    ? guardDevSignIn(options.devSignIn, store, options.signInThrottle)
    : undefined;
  /** Every socket of one person, on every node (the Redis adapter carries it). */
  const disconnectStaff = (staffId: string) =>
    io.of(AGENT_NAMESPACE).in(rooms.agent(staffId)).disconnectSockets(true);
  const staffSessions = options.staffSessions
    ? createStaffSessions({ store, ...options.staffSessions, directory: staffDirectory })
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
  const count = (namespace: string, reason: 'connections' | 'unsent' | 'flood') => {
    metrics.fairUse(namespace, reason);
    // Who is refused stays out of the log (the subject is a patient's id); never the token.
    if (reason === 'connections')
      logger.warn(
        { namespace, reason: 'too_many_connections' },
        'connection refused: rate_limited',
      );
  };
  const clustered = options.redis !== undefined;
  const patientUse = guardFairUse(patients, fairUse, subjectOf, count, clustered);
  const staffUse = guardFairUse(agents, fairUse, subjectOf, count, clustered);
  metrics.countSockets(() =>
    [patients, agents].map((namespace) => [namespace.name, namespace.sockets.size] as const),
  );
  servePatients(patients, { engine, logger, onFrameError, ...patientUse });
  serveAgents(agents, {
    engine,
    desk: options.agentDesk ?? desk,
    logger,
    onFrameError,
    ...staffUse,
    ...(staffSessions ? { sessions: staffSessions } : {}),
    chatActions: { ...DEFAULT_CHAT_ACTIONS, ...options.chatActions },
  });

  httpServer.on(
    'request',
    createServerRequestHandler(options, {
      engine,
      store,
      metrics,
      logger,
      isClosing: () => closing,
      isAllowedOrigin,
      consoleAssets,
      adapterRoutes,
      staffSessions,
      devSignIn,
      disconnectStaff,
      notificationRoutes: notifications?.routes,
      knownQueues: () => desk.knownQueues(),
      staffReassigned: createStaffRefresh({
        agents,
        store,
        setOffline: (staffId) => desk.setPresence(staffId, 'offline'),
      }),
    }),
  );
  let metricsServer: HttpServer | undefined;

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

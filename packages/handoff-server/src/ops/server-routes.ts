import type { IncomingMessage, ServerResponse } from 'node:http';
import { createAttachmentRoutes } from '../attachments/routes';
import type { DevSignIn } from '../auth/dev-signin';
import type { StaffSessions } from '../auth/staff-session';
import { createCallRoutes } from '../calls/call-routes';
import type { ConversationEngine } from '../engine/engine';
import { createInsightRoutes } from '../insights/routes';
import type { StaffRoutesOptions } from '../insights/staff-routes';
import type { HandoffServerOptions } from '../server-options';
import type { ConversationStore } from '../storage/contract';
import type { AdapterRoute } from './adapter-choice';
import { createAdminRoutes } from './admin-routes';
import { createAppointmentPages } from './appointment-pages';
import type { createConsoleAssets } from './console-assets';
import { createHttpRoutes, readJson } from './http';
import type { Logger } from './logger';
import type { ServerMetrics } from './metrics';
import { type AdminRoute, chainRoutes, dispatchRequests } from './request-dispatch';
import { createSessionRoutes } from './session-routes';
import { createSlotAdminRoutes } from './slot-admin-routes';

/** What the HTTP side needs from the rest of the server. */
export interface ServerRoutesDeps {
  engine: ConversationEngine;
  store: ConversationStore;
  metrics: ServerMetrics;
  logger: Logger;
  isClosing: () => boolean;
  isAllowedOrigin: (origin: string | undefined) => boolean;
  /** The console's files (checked when the server is created), when `consoleDir` is set. */
  consoleAssets: ReturnType<typeof createConsoleAssets> | undefined;
  /** The mounted adapter's inbound routes and the operator's own. */
  adapterRoutes: readonly AdapterRoute[];
  staffSessions: StaffSessions | undefined;
  /** Development sign-in, already throttled and audited. */
  devSignIn: DevSignIn | undefined;
  /** Every socket of one person, on every node. */
  disconnectStaff: (staffId: string) => void;
  /** The outbox's admin routes, when reminders are on. */
  notificationRoutes: AdminRoute | undefined;
  /** Queues an administrator may assign to staff. */
  knownQueues?: () => Promise<string[]>;
  /** A person's roles or queues changed: applied to her live sockets on every node. */
  staffReassigned?: StaffRoutesOptions['staffReassigned'];
}

/**
 * Everything the server answers over HTTP: health and readiness (the store, Redis), metrics,
 * staff sessions and development sign-in, the admin, slot, call and analytics APIs, files in
 * conversations, the signed appointment pages, the console's files and adapters' routes.
 */
export function createServerRequestHandler(
  options: HandoffServerOptions,
  deps: ServerRoutesDeps,
): (req: IncomingMessage, res: ServerResponse) => void {
  const { engine, store, logger, devSignIn, staffSessions } = deps;
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
  const sessionRoutes = staffSessions
    ? createSessionRoutes({
        sessions: staffSessions,
        verifiers: options.auth,
        ...(devSignIn ? { devSignIn } : {}),
        allowedOrigins: options.allowedOrigins ?? [],
        onSignedOut: deps.disconnectStaff,
        readJson,
      })
    : undefined;
  const routes = createHttpRoutes({
    engine,
    verifiers: options.auth,
    metrics: deps.metrics,
    readiness,
    logger,
    isClosing: deps.isClosing,
    ...(options.readinessTimeoutMs ? { readinessTimeoutMs: options.readinessTimeoutMs } : {}),
    ...(devSignIn ? { devSignIn } : {}),
    ...(sessionRoutes ? { sessionRoutes } : {}),
    adminRoutes: chainRoutes(
      createAdminRoutes({ store, verifiers: options.auth, disconnectStaff: deps.disconnectStaff }),
      createSlotAdminRoutes({
        store,
        verifiers: options.auth,
        ...(options.followups?.scheduling ? { scheduling: options.followups.scheduling } : {}),
      }),
      createCallRoutes(engine, options.auth),
      deps.notificationRoutes,
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
      ...(deps.knownQueues ? { knownQueues: deps.knownQueues } : {}),
      ...(deps.staffReassigned ? { staffReassigned: deps.staffReassigned } : {}),
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
  const attachmentRoutes = createAttachmentRoutes({
    engine,
    verifiers: options.auth,
    logger,
    isAllowedOrigin: deps.isAllowedOrigin,
  });
  return dispatchRequests({
    consoleAssets: deps.consoleAssets,
    adapterRoutes: deps.adapterRoutes,
    appointmentPages,
    attachmentRoutes,
    routes,
    logger,
  });
}

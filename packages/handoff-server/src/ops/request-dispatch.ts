import type { IncomingMessage, ServerResponse } from 'node:http';
import { ATTACHMENT_PATH } from '@baton/handoff-protocol';
import { APPOINTMENT_LINK_PATH } from '../engine/followups/appointment-links';
import type { HttpReply } from '../gateway/transcript-export';
import type { AdapterRoute } from './adapter-choice';
import type { createAppointmentPages } from './appointment-pages';
import type { createConsoleAssets } from './console-assets';
import type { Logger } from './logger';

type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Which handler answers an HTTP request: socket.io's own paths are left to it, then the
 * console's files, an adapter's inbound routes, files in conversations, the signed appointment
 * pages, and the API.
 */
export function dispatchRequests(handlers: {
  consoleAssets: ReturnType<typeof createConsoleAssets> | undefined;
  adapterRoutes: readonly AdapterRoute[];
  appointmentPages: ReturnType<typeof createAppointmentPages> | null;
  attachmentRoutes: (req: IncomingMessage, res: ServerResponse, path: string) => Promise<unknown>;
  routes: (req: IncomingMessage, res: ServerResponse) => Promise<unknown>;
  logger: Logger;
}): RequestHandler {
  const { consoleAssets, adapterRoutes, appointmentPages, attachmentRoutes, routes, logger } =
    handlers;
  return (req, res) => {
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
    if (path.startsWith(ATTACHMENT_PATH)) {
      void attachmentRoutes(req, res, path);
      return;
    }
    if (appointmentPages && path.startsWith(APPOINTMENT_LINK_PATH)) {
      void appointmentPages(req, res, path).then((handled) => {
        if (!handled) void routes(req, res);
      });
      return;
    }
    void routes(req, res);
  };
}

export type AdminRoute = (req: IncomingMessage, path: string) => Promise<HttpReply | null>;

/** Admin routes, then calls (`/api/calls`, `…/call`), then the outbox's when reminders are on. */
export function chainRoutes(...routes: (AdminRoute | undefined)[]): AdminRoute {
  const present = routes.filter((r): r is AdminRoute => r !== undefined);
  return async (req, path) => {
    for (const route of present) {
      const reply = await route(req, path);
      if (reply) return reply;
    }
    return null;
  };
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import { createAgentRoutes } from './agent-routes';
import { type AnalyticsRoutesOptions, createAnalyticsRoutes } from './analytics-routes';
import { createApiKeyRoutes } from './api-key-routes';
import { createAuditRoutes } from './audit-routes';
import {
  createEscalationSettingsRoute,
  type EscalationSettingsRouteOptions,
} from './escalation-settings-route';
import { createRetentionRoutes, type RetentionRoutesOptions } from './retention-routes';
import { createSettingsRoutes, type SettingsRoutesOptions } from './settings-routes';
import { createStaffRoutes, type StaffRoutesOptions } from './staff-routes';

type Route = (req: IncomingMessage, res: ServerResponse, path: string) => Promise<boolean>;

/**
 * Analytics, the admin settings, the audit viewer and retention; each route answers the paths
 * it serves and returns true.
 */
export function createInsightRoutes(
  options: AnalyticsRoutesOptions &
    SettingsRoutesOptions &
    RetentionRoutesOptions &
    EscalationSettingsRouteOptions &
    StaffRoutesOptions,
): Route {
  const routes: Route[] = [
    createAnalyticsRoutes(options),
    createSettingsRoutes(options),
    createAuditRoutes(options),
    createRetentionRoutes(options),
    createEscalationSettingsRoute(options),
    createAgentRoutes(options),
    createStaffRoutes(options),
    createApiKeyRoutes(options),
  ];
  return async (req, res, path) => {
    for (const route of routes) if (await route(req, res, path)) return true;
    return false;
  };
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ConversationStore } from '../storage/contract';
import { ESCALATION_SETTING } from './settings';

export interface EscalationSettingsRouteOptions {
  store: ConversationStore;
  /** Browser origins allowed to read it (`BATON_ALLOWED_ORIGINS`; `*`: any). */
  allowedOrigins?: readonly string[];
}

/**
 * `GET /api/escalation-settings`: the escalation settings an administrator stored (phrases,
 * thresholds, red flags per locale), public and read by the widget at start; `{}` when none
 * (the widget keeps its built-in lists). Readable cross-origin by the allowed origins only.
 * Holds no patient data, so it is neither authenticated nor audited.
 */
export function createEscalationSettingsRoute(options: EscalationSettingsRouteOptions) {
  const origins = options.allowedOrigins ?? [];
  return async (req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> => {
    if (path !== '/api/escalation-settings') return false;
    const origin = req.headers.origin;
    const cors: Record<string, string> =
      origin && (origins.includes('*') || origins.includes(origin))
        ? { 'access-control-allow-origin': origin, vary: 'origin' }
        : {};
    if (req.method !== 'GET') {
      res.writeHead(405, { 'content-type': 'application/json; charset=utf-8', ...cors });
      res.end(JSON.stringify({ error: { code: 'invalid_message', message: 'GET only' } }));
      return true;
    }
    const stored = await options.store.getSetting(ESCALATION_SETTING);
    res.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'public, max-age=60',
      'x-content-type-options': 'nosniff',
      ...cors,
    });
    res.end(JSON.stringify(stored?.value ?? {}));
    return true;
  };
}

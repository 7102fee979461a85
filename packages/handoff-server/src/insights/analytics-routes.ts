import type { IncomingMessage, ServerResponse } from 'node:http';
import { auditRole } from '../auth/principal';
import type { TokenVerifiers } from '../gateway/transcript-export';
import { HttpInputError } from '../ops/http';
import type { ConversationStore } from '../storage/contract';
import { type PeriodAnalytics, summarizeAnalytics } from './analytics';
import { analyticsCsv } from './analytics-csv';
import { analyticsSlices } from './analytics-slices';
import { gateApiKey } from './api-key-gate';
import type { AnalyticsZone } from './bot-figures';
import { gateStaff } from './staff-request';
import { daysBetween, isTimeZone, localDay, nextDay, startOfLocalDay } from './time-zone';

export interface AnalyticsRoutesOptions {
  store: ConversationStore;
  verifiers: TokenVerifiers;
  /** The organisation's IANA time zone: days start at its midnight. Default `UTC`. */
  timeZone?: string;
  /** Queues the server knows (routing's, waiting patients'): offered in the queue filter. */
  knownQueues?: () => Promise<string[]>;
}

/** The longest period one request may ask for, in days. */
export const MAX_PERIOD_DAYS = 366;
const ZONE_MARGIN_MS = 14 * 3_600_000;
const SLICE = /^[\x21-\x7e]{1,128}$/;

function param(url: URL, name: string): string | undefined {
  const value = url.searchParams.get(name);
  if (value === null || value === '') return undefined;
  if (!SLICE.test(value)) throw new HttpInputError(400, 'invalid_message', `Bad ${name}`);
  return value;
}

/** Reads a period's analytics for the query `from`, `to` (local days), `queue`, `agent`. */
export async function readPeriodAnalytics(
  store: ConversationStore,
  url: URL,
  timeZone: string,
): Promise<PeriodAnalytics> {
  const toDay = param(url, 'to') ?? localDay(Date.now(), timeZone);
  let fromDay = param(url, 'from');
  if (fromDay === undefined) {
    const start = Date.parse(`${toDay}T12:00:00Z`) - 6 * 86_400_000;
    fromDay = Number.isNaN(start) ? toDay : new Date(start).toISOString().slice(0, 10);
  }
  const fromInstant = startOfLocalDay(fromDay, timeZone);
  const toInstant = startOfLocalDay(nextDay(toDay), timeZone);
  if (!fromInstant || !startOfLocalDay(toDay, timeZone) || !toInstant)
    throw new HttpInputError(400, 'invalid_message', 'from and to are days (YYYY-MM-DD)');
  if (fromDay > toDay) throw new HttpInputError(400, 'invalid_message', 'from is after to');
  if (daysBetween(fromDay, toDay, MAX_PERIOD_DAYS + 1).length > MAX_PERIOD_DAYS)
    throw new HttpInputError(400, 'invalid_message', `At most ${MAX_PERIOD_DAYS} days`);
  const queue = param(url, 'queue');
  const agentId = param(url, 'agent');
  const zoneParam = param(url, 'zone') ?? 'organisation';
  if (zoneParam !== 'organisation' && zoneParam !== 'patient')
    throw new HttpInputError(400, 'invalid_message', 'zone is organisation or patient');
  const zone: AnalyticsZone = zoneParam;
  // Each patient's day may start up to 14 hours away from the organisation's.
  const margin = zone === 'patient' ? ZONE_MARGIN_MS : 0;
  const range = {
    from: new Date(fromInstant.getTime() - margin).toISOString(),
    to: new Date(toInstant.getTime() + margin).toISOString(),
    ...(queue ? { queue } : {}),
    ...(agentId ? { agentId } : {}),
  };
  const facts = await store.analyticsFacts(range);
  return summarizeAnalytics(facts, {
    fromDay,
    toDay,
    fromInstant: fromInstant.toISOString(),
    toInstant: toInstant.toISOString(),
    timeZone,
    zone,
    ...(queue ? { queue } : {}),
    ...(agentId ? { agentId } : {}),
  });
}

/**
 * `GET /api/analytics?from=YYYY-MM-DD&to=YYYY-MM-DD&queue=&agent=&zone=organisation|patient
 * &format=json|csv`: a period's figures for supervisors and administrators (bearer staff
 * token) or a reporting tool (bearer API key, see `api-key-routes.ts`), computed from the database, days in the organisation's time zone or each patient's. Each read is audited
 * (`analytics.read`, or `analytics.export` for CSV), and so is a refusal.
 */
export function createAnalyticsRoutes(options: AnalyticsRoutesOptions) {
  const timeZone = options.timeZone ?? 'UTC';
  if (!isTimeZone(timeZone)) throw new TypeError(`Unknown time zone ${timeZone}`);
  return async (req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> => {
    if (path !== '/api/analytics') return false;
    const url = new URL(req.url ?? '/', 'http://localhost');
    const csv = url.searchParams.get('format') === 'csv';
    const action = csv ? 'analytics.export' : 'analytics.read';
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, {
        'content-type': 'application/json; charset=utf-8',
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      });
      res.end(JSON.stringify(body));
      return true;
    };
    if (req.method !== 'GET')
      return reply(405, { error: { code: 'invalid_message', message: 'GET only' } });
    // A reporting tool's API key (read-only, analytics only), else a staff token.
    const key = await gateApiKey(req, options.store, action);
    if (key && !key.ok) return reply(key.status, key.body);
    const gate = key ? null : await gateStaff(req, options, ['supervisor', 'admin'], action);
    if (gate && !gate.ok) return reply(gate.status, gate.body);
    const actor = gate?.ok
      ? { actorId: gate.staff.staffId, actorRole: auditRole(gate.staff) }
      : { actorId: key?.ok ? key.actorId : 'unverified', actorRole: 'system' as const };
    const report = await readPeriodAnalytics(options.store, url, timeZone);
    await options.store.appendAudit({
      action,
      outcome: 'allowed',
      ...actor,
      targetId: report.period.queue ?? report.period.agentId,
      reason: `${report.period.fromDay}..${report.period.toDay}`,
    });
    // Whether the organisation's zone is the operator's (`BATON_TIME_ZONE`) or the UTC default.
    const timeZoneSource = options.timeZone === undefined ? 'default' : 'configured';
    if (!csv) {
      // Staff only, the filters' choices: queues the server knows, agents by display name.
      const slices = gate?.ok
        ? { slices: await analyticsSlices(options.store, report, options.knownQueues) }
        : {};
      return reply(200, { ...report, period: { ...report.period, timeZoneSource }, ...slices });
    }
    res.writeHead(200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="baton-analytics-${report.period.fromDay}-${report.period.toDay}.csv"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    res.end(analyticsCsv(report));
    return true;
  };
}

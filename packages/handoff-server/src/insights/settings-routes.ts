import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Survey } from '@baton/handoff-protocol';
import { auditRole } from '../auth/principal';
import type { BusinessHoursByQueue } from '../desk/business-hours';
import type { RoutingConfig } from '../desk/routing';
import type { TokenVerifiers } from '../gateway/transcript-export';
import { HttpInputError, pathSegment, readJson } from '../ops/http';
import type { ConversationStore } from '../storage/contract';
import { armRetention } from './retention';
import { checkSetting, isSettingName, SETTING_NAMES } from './settings';
import { gateStaff } from './staff-request';

export interface SettingsRoutesOptions {
  store: ConversationStore;
  verifiers: TokenVerifiers;
  /** The env/file business hours: shown (and applied) until an administrator saves some. */
  businessHoursSeed?: BusinessHoursByQueue;
  /** `BATON_ROUTING(_FILE)`: shown (and applied) until an administrator saves rules. */
  routingSeed?: RoutingConfig;
  /** `BATON_SURVEY_ON_END` / `BATON_SURVEY_FILE`: shown until an administrator saves one. */
  endSurveySeed?: Survey | null;
  /** The organisation's IANA zone (`BATON_TIME_ZONE`); unset: UTC, said to be the default. */
  timeZone?: string;
  /** `BATON_RETENTION_DAYS`: shown until an administrator saves a policy. */
  retentionDays?: number | null;
}

const SETTING_PATH = /^\/api\/admin\/settings\/([\x21-\x7e]{1,64})$/;

/**
 * `GET /api/admin/settings`: every setting (stored, or the configuration's seed);
 * `PUT /api/admin/settings/{name}` (JSON body): checked, stored for every node, audited
 * (`settings.update`, the setting's name as target). Administrators only; refusals audited.
 */
export function createSettingsRoutes(options: SettingsRoutesOptions) {
  const { store } = options;
  const seed = options.businessHoursSeed ?? {};
  return async (req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> => {
    const one = SETTING_PATH.exec(path);
    if (path !== '/api/admin/settings' && !one) return false;
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, {
        'content-type': 'application/json; charset=utf-8',
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      });
      res.end(JSON.stringify(body));
      return true;
    };
    const problem = (status: number, code: string, message: string) =>
      reply(status, { error: { code, message } });
    const write = Boolean(one);
    if (write && req.method !== 'PUT') return problem(405, 'invalid_message', 'PUT only');
    if (!write && req.method !== 'GET') return problem(405, 'invalid_message', 'GET only');
    const action = write ? 'settings.update' : 'settings.read';
    const gate = await gateStaff(req, options, ['admin'], action);
    if (!gate.ok) return reply(gate.status, gate.body);
    const actor = { actorId: gate.staff.staffId, actorRole: auditRole(gate.staff) };
    if (!one) {
      const stored = new Map((await store.listSettings()).map((s) => [s.name, s]));
      const settings = SETTING_NAMES.map((name) => {
        const found = stored.get(name);
        if (found) return { ...found, source: 'stored' as const };
        const value =
          name === 'business-hours'
            ? seed
            : name === 'retention'
              ? { finishedDays: options.retentionDays ?? null }
              : name === 'end-survey'
                ? options.endSurveySeed
                  ? { enabled: true, surveys: { en: options.endSurveySeed } }
                  : { enabled: false, surveys: {} }
                : name === 'routing'
                  ? (options.routingSeed ?? {})
                  : {};
        return { name, value, updatedAt: null, updatedBy: null, source: 'config' as const };
      });
      await store.appendAudit({ action, outcome: 'allowed', ...actor });
      // The organisation's zone: what a queue's business hours without one are counted in.
      const organisation = {
        timeZone: options.timeZone ?? 'UTC',
        timeZoneSource: options.timeZone === undefined ? 'default' : 'configured',
      };
      return reply(200, { settings, organisation });
    }
    const name = pathSegment(one[1]!);
    if (!isSettingName(name)) return problem(404, 'not_found', 'No such setting');
    const body = await readJson(req);
    const checked = checkSetting(name, body);
    if (!checked.ok) {
      await store.appendAudit({
        action,
        outcome: 'denied',
        ...actor,
        targetId: name,
        reason: 'invalid_value',
      });
      throw new HttpInputError(400, 'invalid_message', `${name}: ${checked.problem}`);
    }
    const record = await store.putSetting(name, checked.value, gate.staff.staffId);
    if (name === 'retention') await armRetention(store);
    await store.appendAudit({ action, outcome: 'allowed', ...actor, targetId: name });
    return reply(200, { ...record, source: 'stored' });
  };
}

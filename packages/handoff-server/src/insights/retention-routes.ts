import type { IncomingMessage, ServerResponse } from 'node:http';
import { auditRole } from '../auth/principal';
import type { TokenVerifiers } from '../gateway/transcript-export';
import { pathSegment } from '../ops/http';
import type { ConversationStore } from '../storage/contract';
import { purgeExpired } from './retention';
import { effectiveRetention } from './settings';
import { gateStaff } from './staff-request';

export interface RetentionRoutesOptions {
  store: ConversationStore;
  verifiers: TokenVerifiers;
  /** `BATON_RETENTION_DAYS`. */
  retentionDays?: number | null;
}

const PATIENT_PATH = /^\/api\/admin\/patients\/([\x21-\x7e]{1,128})\/delete$/;

/**
 * Administrators' retention controls: `GET /api/admin/retention` (the policy and a dry-run
 * count of what the next purge deletes), `POST /api/admin/retention/purge` (run it now) and
 * `POST /api/admin/patients/{patientId}/delete` (everything held for one patient). Each is
 * audited; the store audits every purged conversation and the deletion itself.
 */
export function createRetentionRoutes(options: RetentionRoutesOptions) {
  const { store } = options;
  const seed = options.retentionDays ?? null;
  return async (req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> => {
    const patient = PATIENT_PATH.exec(path);
    const route =
      path === '/api/admin/retention'
        ? ('read' as const)
        : path === '/api/admin/retention/purge'
          ? ('purge' as const)
          : patient
            ? ('patient' as const)
            : null;
    if (!route) return false;
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, {
        'content-type': 'application/json; charset=utf-8',
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      });
      res.end(JSON.stringify(body));
      return true;
    };
    const method = route === 'read' ? 'GET' : 'POST';
    if (req.method !== method)
      return reply(405, { error: { code: 'invalid_message', message: `${method} only` } });
    const action =
      route === 'read' ? 'settings.read' : route === 'purge' ? 'retention.purge' : 'patient.delete';
    const gate = await gateStaff(req, options, ['admin'], action);
    if (!gate.ok) return reply(gate.status, gate.body);
    const actor = { actorId: gate.staff.staffId, actorRole: auditRole(gate.staff) };
    switch (route) {
      case 'read': {
        const policy = await effectiveRetention(store, seed);
        const dryRun = await purgeExpired(store, seed, true);
        await store.appendAudit({ action, outcome: 'allowed', ...actor, targetId: 'retention' });
        return reply(200, { ...policy, cutoff: dryRun.cutoff, wouldPurge: dryRun.conversations });
      }
      case 'purge': {
        const run = await purgeExpired(store, seed, false);
        await store.appendAudit({ action, outcome: 'allowed', ...actor, reason: 'manual' });
        return reply(200, run);
      }
      case 'patient': {
        const patientId = pathSegment(patient![1]!);
        const result = await store.deletePatientData(patientId, actor);
        return reply(200, { patientId, ...result });
      }
      default: {
        const never: never = route;
        return never;
      }
    }
  };
}

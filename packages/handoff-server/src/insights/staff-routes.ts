import type { IncomingMessage, ServerResponse } from 'node:http';
import { auditRole, type StaffRole } from '../auth/principal';
import { effectiveAssignment } from '../auth/staff-directory';
import type { TokenVerifiers } from '../gateway/transcript-export';
import { HandoffServerError } from '../internal/errors';
import { HttpInputError, pathSegment, readJson } from '../ops/http';
import type { ConversationStore } from '../storage/contract';
import type { StaffAssignmentRecord, StaffRoleSet } from '../storage/staff-assignments';
import { gateStaff } from './staff-request';
import { staffDirectoryRows } from './staff-rows';

export interface StaffRoutesOptions {
  store: ConversationStore;
  verifiers: TokenVerifiers;
  /** The queues an administrator may assign (routing's queues and any with waiting patients). */
  knownQueues?: () => Promise<string[]>;
  /** Her assignments changed: applied to her agent record and live sockets on every node. */
  staffReassigned?: (staffId: string, assigned: StaffRoleSet) => Promise<void>;
}

const ASSIGNMENT_PATH = /^\/api\/admin\/staff\/([\x21-\x7e]{1,128})\/assignment$/;
const ROLES: readonly StaffRole[] = ['agent', 'supervisor', 'admin'];

function parseAssignment(body: unknown, known: readonly string[]) {
  const input = body as { roles?: unknown; queues?: unknown; displayName?: unknown } | null;
  const roles = input?.roles;
  const queues = input?.queues;
  if (
    !Array.isArray(roles) ||
    roles.length === 0 ||
    !roles.every((r) => ROLES.includes(r as StaffRole))
  )
    throw new HttpInputError(
      400,
      'invalid_message',
      'roles: one or more of agent, supervisor, admin',
    );
  if (!Array.isArray(queues) || queues.length > 50 || !queues.every((q) => known.includes(q)))
    throw new HttpInputError(400, 'invalid_message', 'queues: configured queue names only');
  const name = input?.displayName;
  if (name !== undefined && (typeof name !== 'string' || name.length < 1 || name.length > 120))
    throw new HttpInputError(400, 'invalid_message', 'displayName: 1 to 120 characters');
  return {
    set: { roles: roles as StaffRole[], queues: queues as string[] },
    displayName: name as string | undefined,
  };
}

/**
 * `GET /api/admin/staff`: everyone the server knows (signed in once, added by an administrator,
 * or an agent of the desk) with her roles and queues, where they come from (`token` or
 * `override`), her capacity and whether she is disabled, and the queues one may assign.
 * `PUT /api/admin/staff/{id}/assignment` `{ roles, queues, displayName? }` overrides what her
 * identity provider states (or adds her before her first sign-in); `DELETE` goes back to the
 * identity provider. A change that would leave nobody an administrator is `409 last_admin`.
 * Administrators only; audited (`config.read`, `config.update` with reason `assignment` or
 * `assignment_reset`).
 */
export function createStaffRoutes(options: StaffRoutesOptions) {
  const { store } = options;
  const knownQueues = options.knownQueues ?? (async () => ['general']);
  return async (req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> => {
    const assignment = ASSIGNMENT_PATH.exec(path);
    if (path !== '/api/admin/staff' && !assignment) return false;
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, {
        'content-type': 'application/json; charset=utf-8',
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      });
      res.end(JSON.stringify(body));
      return true;
    };
    const allowed = assignment ? ['PUT', 'DELETE'] : ['GET'];
    if (!allowed.includes(req.method ?? ''))
      return reply(405, { error: { code: 'invalid_message', message: `${allowed} only` } });
    const action = assignment ? 'config.update' : 'config.read';
    const gate = await gateStaff(req, options, ['admin'], action);
    if (!gate.ok) return reply(gate.status, gate.body);
    const actor = { actorId: gate.staff.staffId, actorRole: auditRole(gate.staff) };
    if (!assignment) {
      const [staff, queues] = await Promise.all([staffDirectoryRows(store), knownQueues()]);
      await store.appendAudit({ action, outcome: 'allowed', ...actor, targetId: 'staff' });
      return reply(200, { staff, queues });
    }
    const staffId = pathSegment(assignment[1]!);
    const reset = req.method === 'DELETE';
    const before = await store.getStaffAssignment(staffId);
    // Configured queues, and those she already serves (her identity provider may name others).
    const assignable = [
      ...(await knownQueues()),
      ...(before?.claims?.queues ?? []),
      ...(before?.override?.queues ?? []),
      ...((await store.getAgent(staffId))?.queues ?? []),
    ];
    const input = reset ? null : parseAssignment(await readJson(req), assignable);
    if (reset && !before?.claims)
      return reply(404, { error: { code: 'not_found', message: 'Nothing to reset to' } });
    let saved: StaffAssignmentRecord;
    try {
      // One atomic step in the store: two administrators demoting each other at once cannot
      // both succeed.
      saved = await store.saveStaffAssignmentKeepingAnAdmin(
        staffId,
        input?.set ?? null,
        gate.staff.staffId,
        input?.displayName,
      );
    } catch (error) {
      if (!HandoffServerError.is(error, 'last_admin')) throw error;
      await store.appendAudit({
        action,
        outcome: 'denied',
        ...actor,
        targetId: staffId,
        reason: 'last_admin',
      });
      return reply(409, { error: { code: error.code, message: error.message } });
    }
    await store.appendAudit({
      action,
      outcome: 'allowed',
      ...actor,
      targetId: staffId,
      reason: reset ? 'assignment_reset' : 'assignment',
    });
    const assigned = effectiveAssignment(saved);
    if (assigned) await options.staffReassigned?.(staffId, assigned);
    return reply(200, saved);
  };
}

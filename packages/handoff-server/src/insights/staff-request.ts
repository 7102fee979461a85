import type { IncomingMessage } from 'node:http';
import { auditRole, hasRole, type StaffPrincipal, type StaffRole } from '../auth/principal';
import { bearerToken, type TokenVerifiers } from '../gateway/transcript-export';
import type { ConversationStore } from '../storage/contract';
import type { AuditAction } from '../storage/records';

export type StaffGate =
  | { ok: true; staff: StaffPrincipal }
  | { ok: false; status: 401 | 403; body: { error: { code: string; message: string } } };

/**
 * A staff API request: a bearer staff token (the console's socket token works) of a person
 * not disabled, holding one of `roles`. A refusal of a verified person is audited under
 * `action` (`role_required`); an allowed request is audited by the caller, with what it did.
 */
export async function gateStaff(
  req: IncomingMessage,
  options: { verifiers: TokenVerifiers; store: ConversationStore },
  roles: readonly StaffRole[],
  action: AuditAction,
): Promise<StaffGate> {
  const token = bearerToken(req);
  const staff = token ? await options.verifiers.verifyStaff(token).catch(() => null) : null;
  if (!staff)
    return {
      ok: false,
      status: 401,
      body: { error: { code: 'unauthorized', message: 'A staff bearer token is required' } },
    };
  const disabled = (await options.store.getDisabledStaff(staff.staffId)) !== null;
  if (disabled || !roles.some((role) => hasRole(staff, role))) {
    await options.store.appendAudit({
      action,
      outcome: 'denied',
      actorId: staff.staffId,
      actorRole: auditRole(staff),
      reason: disabled ? 'staff_disabled' : 'role_required',
    });
    return {
      ok: false,
      status: 403,
      body: { error: { code: 'forbidden', message: `Requires the role ${roles.join(' or ')}` } },
    };
  }
  return { ok: true, staff };
}

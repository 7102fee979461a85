import type { IncomingMessage } from 'node:http';
import { hasRole, type StaffPrincipal } from '../auth/principal';
import type { TokenVerifiers } from '../gateway/transcript-export';
import type { ConversationStore } from '../storage/contract';
import { pathSegment } from './http';

export interface AdminRoutesOptions {
  store: ConversationStore;
  verifiers: TokenVerifiers;
  /** Disconnects every socket of this person, on every node (the adapter's `disconnectSockets`). */
  disconnectStaff: (staffId: string) => void;
}

type Reply = { status: number; body: unknown };

const STAFF_PATH = /^\/api\/admin\/staff\/([\x21-\x7e]{1,128})\/(disable|enable)$/;

const refused = (status: number, code: string, message: string): Reply => ({
  status,
  body: { error: { code, message } },
});

/**
 * `POST /api/admin/staff/{staffId}/disable|enable` with an administrator's staff token
 * (`Authorization: Bearer …`, the console's socket token works). Disabling ends every session
 * of the person and disconnects her sockets on every node at once; her tokens are refused at
 * every handshake and session exchange until an administrator enables her again. Both are
 * audited (`auth.user_disabled` / `auth.user_enabled`), and so is a refusal. Returns `null`
 * for paths it does not serve.
 */
export function createAdminRoutes(options: AdminRoutesOptions) {
  const { store } = options;
  return async (req: IncomingMessage, path: string): Promise<Reply | null> => {
    const match = STAFF_PATH.exec(path);
    if (!match) return null;
    if (req.method !== 'POST') return refused(405, 'invalid_message', 'POST only');
    const staffId = pathSegment(match[1]!);
    const disable = match[2] === 'disable';
    const action = disable ? 'auth.user_disabled' : 'auth.user_enabled';
    const auth = req.headers.authorization;
    const token = auth?.startsWith('Bearer ') ? auth.slice(7) : '';
    const admin: StaffPrincipal | null = token
      ? await options.verifiers.verifyStaff(token).catch(() => null)
      : null;
    if (!admin) return refused(401, 'unauthorized', 'An administrator token is required');
    const allowed =
      hasRole(admin, 'admin') &&
      admin.staffId !== staffId &&
      (await store.getDisabledStaff(admin.staffId)) === null;
    await store.appendAudit({
      action,
      outcome: allowed ? 'allowed' : 'denied',
      actorId: admin.staffId,
      actorRole: hasRole(admin, 'admin') ? 'admin' : 'agent',
      targetId: staffId,
      reason: allowed ? null : hasRole(admin, 'admin') ? 'own_account' : 'role_required',
    });
    if (!allowed) return refused(403, 'forbidden', 'Administrators only, and not on themselves');
    if (!disable) {
      await store.enableStaff(staffId);
      return { status: 200, body: { staffId, disabled: false } };
    }
    const record = await store.disableStaff(staffId, admin.staffId);
    await store.endStaffSessionsOf(staffId);
    options.disconnectStaff(staffId);
    return { status: 200, body: { staffId, disabled: true, disabledAt: record.disabledAt } };
  };
}

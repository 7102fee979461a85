import type { TokenVerifiers } from '../gateway/transcript-export';
import type { ConversationStore } from '../storage/contract';
import {
  normalRoleSet,
  type StaffAssignmentRecord,
  type StaffRoleSet,
} from '../storage/staff-assignments';
import type { StaffPrincipal } from './principal';

/** Where a person's roles and queues come from. */
export type AssignmentSource = 'override' | 'token';

/**
 * The server owns staff assignments: an administrator's override (stored per staff id)
 * replaces the roles and queues her identity provider signed into her token; without one, the
 * claims apply. Every path that turns a token into a principal (socket handshakes, HTTP APIs,
 * cookie sessions) goes through `resolve`, so a change applies at the next handshake.
 */
export interface StaffDirectory {
  /** The principal as the server assigns her; records the claims of a sign-in token. */
  resolve(staff: StaffPrincipal): Promise<StaffPrincipal>;
  /** The same verifiers, whose staff principals are resolved. */
  verifiers(raw: TokenVerifiers): TokenVerifiers;
}

const sameSet = (a: StaffRoleSet | null, b: StaffRoleSet) =>
  a !== null && a.roles.join() === b.roles.join() && a.queues.join() === b.queues.join();

/** The roles and queues in force for a record (override first), with where they come from. */
export function effectiveAssignment(
  record: Pick<StaffAssignmentRecord, 'claims' | 'override'>,
): (StaffRoleSet & { source: AssignmentSource }) | null {
  if (record.override) return { ...record.override, source: 'override' };
  if (record.claims) return { ...record.claims, source: 'token' };
  return null;
}

export function createStaffDirectory(store: ConversationStore): StaffDirectory {
  /** Principals already resolved here: their roles are no longer the token's claims. */
  const resolved = new WeakSet<StaffPrincipal>();
  const resolve = async (staff: StaffPrincipal): Promise<StaffPrincipal> => {
    if (resolved.has(staff)) return staff;
    let record = await store.getStaffAssignment(staff.staffId);
    const stated = normalRoleSet({ roles: [...staff.roles], queues: [...staff.queues] });
    // A token signed by the identity provider (or the users file) states her claims; a socket
    // token exchanged from a cookie session carries what was resolved at sign-in instead.
    const fromProvider = staff.sessionId === undefined;
    if (
      fromProvider &&
      (!record || !sameSet(record.claims, stated) || record.displayName !== staff.displayName)
    )
      record = await store.noteStaffClaims(staff.staffId, staff.displayName, stated);
    const assigned = record?.override ?? (fromProvider ? stated : (record?.claims ?? stated));
    const principal: StaffPrincipal = {
      ...staff,
      roles: assigned.roles,
      queues: assigned.queues,
      assignmentSource: record?.override ? 'override' : 'token',
    };
    resolved.add(principal);
    return principal;
  };
  return {
    resolve,
    verifiers(raw) {
      return {
        verifyPatient: raw.verifyPatient,
        verifyStaff: async (token) => resolve(await raw.verifyStaff(token)),
      };
    },
  };
}

import type { StaffRole } from '../auth/principal';

/** Roles and queues of one staff member, as a set. */
export interface StaffRoleSet {
  roles: StaffRole[];
  queues: string[];
}

/**
 * What the server knows of one staff member's assignments (migration 16): the claims her
 * identity provider (or the demo users file) last stated at sign-in, and an administrator's
 * override. With an override, it applies; without one, the claims do.
 */
export interface StaffAssignmentRecord {
  staffId: string;
  displayName: string | null;
  /** As last signed into her token; `null` when she was added before her first sign-in. */
  claims: StaffRoleSet | null;
  claimsSeenAt: string | null;
  /** Set by an administrator: overrides the claims until reset. */
  override: StaffRoleSet | null;
  /** Who last set or reset the override, and when. */
  updatedBy: string | null;
  updatedAt: string | null;
}

export interface StaffAssignmentOps {
  /** Records the claims seen at sign-in (and her name); the override is left as it is. */
  noteStaffClaims(
    staffId: string,
    displayName: string,
    claims: StaffRoleSet,
  ): Promise<StaffAssignmentRecord>;
  /**
   * Sets the override (`null`: back to the identity provider's claims). Creates the record
   * for someone not yet signed in, with `displayName` when given.
   */
  setStaffOverride(
    staffId: string,
    override: StaffRoleSet | null,
    updatedBy: string,
    displayName?: string,
  ): Promise<StaffAssignmentRecord>;
  /**
   * `setStaffOverride`, unless afterwards nobody would be an administrator (her override, else
   * her claims, and everyone else's): then `last_admin` and nothing changes. The check and the
   * write are one atomic step, so two administrators demoting each other at once cannot both
   * succeed (SQLite: one write transaction; PostgreSQL: a table lock; memory: synchronous).
   */
  saveStaffAssignmentKeepingAnAdmin(
    staffId: string,
    override: StaffRoleSet | null,
    updatedBy: string,
    displayName?: string,
  ): Promise<StaffAssignmentRecord>;
  getStaffAssignment(staffId: string): Promise<StaffAssignmentRecord | null>;
  /** Every record, by staff id (at most 1,000). */
  listStaffAssignments(): Promise<StaffAssignmentRecord[]>;
}

/** Roles and queues as stored (a JSON array in a text column), read back. */
export function roleSetFrom(roles: unknown, queues: unknown): StaffRoleSet | null {
  if (typeof roles !== 'string' || typeof queues !== 'string') return null;
  return { roles: JSON.parse(roles) as StaffRole[], queues: JSON.parse(queues) as string[] };
}

/** A role set in the order every store keeps it: roles by rank, queues sorted, no repeats. */
export function normalRoleSet(set: StaffRoleSet): StaffRoleSet {
  const rank: StaffRole[] = ['agent', 'supervisor', 'admin'];
  return {
    roles: rank.filter((r) => set.roles.includes(r)),
    queues: [...new Set(set.queues)].sort(),
  };
}

/** Whether she is an administrator once `override` is saved (`null`: her claims apply). */
export function adminAfter(
  record: Pick<StaffAssignmentRecord, 'claims'> | null,
  override: StaffRoleSet | null,
): boolean {
  return (override ?? record?.claims)?.roles.includes('admin') ?? false;
}

/** Another administrator, in SQL over the stored JSON role arrays (override first). */
export const OTHER_ADMIN_SQL = `SELECT 1 FROM staff_assignments WHERE staff_id <> $1
  AND COALESCE(override_roles, claim_roles) LIKE '%"admin"%' LIMIT 1`;

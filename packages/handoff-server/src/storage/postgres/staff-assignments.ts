import { HandoffServerError } from '../../internal/errors';
import type { ApiKeyOps, ApiKeyRecord, ApiKeyScope } from '../api-keys';
import { iso } from '../rows';
import {
  adminAfter,
  normalRoleSet,
  OTHER_ADMIN_SQL,
  roleSetFrom,
  type StaffAssignmentOps,
  type StaffAssignmentRecord,
  type StaffRoleSet,
} from '../staff-assignments';
import {
  affected,
  all,
  one,
  type PostgresContext,
  type Queryable,
  query,
  type Row,
  transaction,
} from './context';

const at = (value: unknown) => (value == null ? null : iso(value as Date));

const toAssignment = (row: Row): StaffAssignmentRecord => ({
  staffId: String(row.staff_id),
  displayName: row.display_name == null ? null : String(row.display_name),
  claims: roleSetFrom(row.claim_roles, row.claim_queues),
  claimsSeenAt: at(row.claims_seen_at),
  override: roleSetFrom(row.override_roles, row.override_queues),
  updatedBy: row.updated_by == null ? null : String(row.updated_by),
  updatedAt: at(row.updated_at),
});

const json = (set: StaffRoleSet | null): [string | null, string | null] => {
  if (!set) return [null, null];
  const normal = normalRoleSet(set);
  return [JSON.stringify(normal.roles), JSON.stringify(normal.queues)];
};

async function saveOverride(
  db: Queryable,
  staffId: string,
  override: StaffRoleSet | null,
  updatedBy: string,
  displayName: string | undefined,
): Promise<StaffAssignmentRecord> {
  const row = await one(
    db,
    `INSERT INTO staff_assignments (staff_id, display_name, override_roles, override_queues,
       updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, now())
     ON CONFLICT (staff_id) DO UPDATE SET
       display_name = COALESCE(staff_assignments.display_name, excluded.display_name),
       override_roles = excluded.override_roles, override_queues = excluded.override_queues,
       updated_by = excluded.updated_by, updated_at = excluded.updated_at
     RETURNING *`,
    [staffId, displayName ?? null, ...json(override), updatedBy],
  );
  return toAssignment(row!);
}

/** Staff assignments (migration 16). */
export function postgresStaffAssignments(ctx: PostgresContext): StaffAssignmentOps {
  const { pool } = ctx;
  const read = async (staffId: string) => {
    const row = await one(pool, 'SELECT * FROM staff_assignments WHERE staff_id = $1', [staffId]);
    return row ? toAssignment(row) : null;
  };
  return {
    async noteStaffClaims(staffId, displayName, claims) {
      const row = await one(
        pool,
        `INSERT INTO staff_assignments (staff_id, display_name, claim_roles, claim_queues,
           claims_seen_at) VALUES ($1, $2, $3, $4, now())
         ON CONFLICT (staff_id) DO UPDATE SET display_name = excluded.display_name,
           claim_roles = excluded.claim_roles, claim_queues = excluded.claim_queues,
           claims_seen_at = excluded.claims_seen_at
         RETURNING *`,
        [staffId, displayName, ...json(claims)],
      );
      return toAssignment(row!);
    },
    async setStaffOverride(staffId, override, updatedBy, displayName) {
      return saveOverride(pool, staffId, override, updatedBy, displayName);
    },
    async saveStaffAssignmentKeepingAnAdmin(staffId, override, updatedBy, displayName) {
      return transaction(ctx, async (client) => {
        // Self-exclusive and exclusive of row writes: a concurrent demotion (on any node)
        // waits here, then reads this one's result.
        await query(client, 'LOCK TABLE staff_assignments IN SHARE ROW EXCLUSIVE MODE');
        const row = await one(client, 'SELECT * FROM staff_assignments WHERE staff_id = $1', [
          staffId,
        ]);
        if (
          !adminAfter(row ? toAssignment(row) : null, override) &&
          !(await one(client, OTHER_ADMIN_SQL, [staffId]))
        )
          throw new HandoffServerError('last_admin');
        return saveOverride(client, staffId, override, updatedBy, displayName);
      });
    },
    async getStaffAssignment(staffId) {
      return read(staffId);
    },
    async listStaffAssignments() {
      return (
        await all(pool, 'SELECT * FROM staff_assignments ORDER BY staff_id COLLATE "C" LIMIT 1000')
      ).map(toAssignment);
    },
  };
}

const toApiKey = (row: Row): ApiKeyRecord => ({
  id: String(row.id),
  name: String(row.name),
  scope: String(row.scope) as ApiKeyScope,
  createdBy: String(row.created_by),
  createdAt: iso(row.created_at as Date),
  lastUsedAt: at(row.last_used_at),
  revokedAt: at(row.revoked_at),
});

/** API keys for reporting tools (migration 17): the secret's hash only. */
export function postgresApiKeys(ctx: PostgresContext): ApiKeyOps {
  const { pool } = ctx;
  return {
    async createApiKey(key) {
      const row = await one(
        pool,
        `INSERT INTO api_keys (id, name, scope, secret_hash, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, now()) RETURNING *`,
        [key.id, key.name, key.scope, key.secretHash, key.createdBy],
      );
      return toApiKey(row!);
    },
    async findApiKey(secretHash) {
      const row = await one(pool, 'SELECT * FROM api_keys WHERE secret_hash = $1', [secretHash]);
      return row ? toApiKey(row) : null;
    },
    async touchApiKey(id, when) {
      await query(
        pool,
        `UPDATE api_keys SET last_used_at = $2
         WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < $2)`,
        [id, new Date(when)],
      );
    },
    async revokeApiKey(id) {
      return (
        (await affected(
          pool,
          'UPDATE api_keys SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL',
          [id],
        )) > 0
      );
    },
    async listApiKeys() {
      return (
        await all(pool, 'SELECT * FROM api_keys ORDER BY created_at DESC, id DESC LIMIT 1000')
      ).map(toApiKey);
    },
  };
}

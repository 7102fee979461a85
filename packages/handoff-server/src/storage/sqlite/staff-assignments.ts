import { HandoffServerError } from '../../internal/errors';
import type { ApiKeyOps, ApiKeyRecord, ApiKeyScope } from '../api-keys';
import { iso } from '../rows';
import { nowIso } from '../shared';
import {
  adminAfter,
  normalRoleSet,
  OTHER_ADMIN_SQL,
  roleSetFrom,
  type StaffAssignmentOps,
  type StaffAssignmentRecord,
  type StaffRoleSet,
} from '../staff-assignments';
import { type Row, type SqliteContext, write } from './context';

const at = (value: unknown) => (value == null ? null : iso(String(value)));

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

/** Staff assignments (migration 16). */
export function sqliteStaffAssignments(ctx: SqliteContext): StaffAssignmentOps {
  const { db } = ctx;
  const read = (staffId: string) => {
    const row = db.prepare('SELECT * FROM staff_assignments WHERE staff_id = ?').get(staffId);
    return row ? toAssignment(row as Row) : null;
  };
  const otherAdmin = db.prepare(OTHER_ADMIN_SQL.replace('$1', '?'));
  const saveOverride = (
    staffId: string,
    override: StaffRoleSet | null,
    updatedBy: string,
    displayName: string | undefined,
  ) => {
    db.prepare(
      `INSERT INTO staff_assignments (staff_id, display_name, override_roles, override_queues,
         updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (staff_id) DO UPDATE SET
         display_name = COALESCE(staff_assignments.display_name, excluded.display_name),
         override_roles = excluded.override_roles, override_queues = excluded.override_queues,
         updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
    ).run(staffId, displayName ?? null, ...json(override), updatedBy, nowIso());
    return read(staffId)!;
  };
  return {
    async noteStaffClaims(staffId, displayName, claims) {
      return write(ctx, () => {
        db.prepare(
          `INSERT INTO staff_assignments (staff_id, display_name, claim_roles, claim_queues,
             claims_seen_at) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (staff_id) DO UPDATE SET display_name = excluded.display_name,
             claim_roles = excluded.claim_roles, claim_queues = excluded.claim_queues,
             claims_seen_at = excluded.claims_seen_at`,
        ).run(staffId, displayName, ...json(claims), nowIso());
        return read(staffId)!;
      });
    },
    async setStaffOverride(staffId, override, updatedBy, displayName) {
      return write(ctx, () => saveOverride(staffId, override, updatedBy, displayName));
    },
    async saveStaffAssignmentKeepingAnAdmin(staffId, override, updatedBy, displayName) {
      // Check and write in one write transaction: SQLite serialises writers, so a concurrent
      // demotion (this process or another) reads this one's result.
      return write(ctx, () => {
        if (!adminAfter(read(staffId), override) && !otherAdmin.get(staffId))
          throw new HandoffServerError('last_admin');
        return saveOverride(staffId, override, updatedBy, displayName);
      });
    },
    async getStaffAssignment(staffId) {
      return read(staffId);
    },
    async listStaffAssignments() {
      return (
        db.prepare('SELECT * FROM staff_assignments ORDER BY staff_id LIMIT 1000').all() as Row[]
      ).map(toAssignment);
    },
  };
}

const toApiKey = (row: Row): ApiKeyRecord => ({
  id: String(row.id),
  name: String(row.name),
  scope: String(row.scope) as ApiKeyScope,
  createdBy: String(row.created_by),
  createdAt: iso(String(row.created_at)),
  lastUsedAt: at(row.last_used_at),
  revokedAt: at(row.revoked_at),
});

/** API keys for reporting tools (migration 17): the secret's hash only. */
export function sqliteApiKeys(ctx: SqliteContext): ApiKeyOps {
  const { db } = ctx;
  return {
    async createApiKey(key) {
      return write(ctx, () => {
        db.prepare(
          `INSERT INTO api_keys (id, name, scope, secret_hash, created_by, created_at)
           VALUES (?, ?, ?, ?, ?, ?)`,
        ).run(key.id, key.name, key.scope, key.secretHash, key.createdBy, nowIso());
        return toApiKey(db.prepare('SELECT * FROM api_keys WHERE id = ?').get(key.id) as Row);
      });
    },
    async findApiKey(secretHash) {
      const row = db.prepare('SELECT * FROM api_keys WHERE secret_hash = ?').get(secretHash);
      return row ? toApiKey(row as Row) : null;
    },
    async touchApiKey(id, when) {
      await write(ctx, () =>
        db
          .prepare(
            `UPDATE api_keys SET last_used_at = ?
             WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)`,
          )
          .run(iso(when), id, iso(when)),
      );
    },
    async revokeApiKey(id) {
      return write(
        ctx,
        () =>
          db
            .prepare('UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL')
            .run(nowIso(), id).changes > 0,
      );
    },
    async listApiKeys() {
      return (
        db
          .prepare('SELECT * FROM api_keys ORDER BY created_at DESC, id DESC LIMIT 1000')
          .all() as Row[]
      ).map(toApiKey);
    },
  };
}

import { HandoffServerError } from '../../internal/errors';
import type { ApiKeyOps, ApiKeyRecord } from '../api-keys';
import { compareText, nowIso } from '../shared';
import {
  adminAfter,
  normalRoleSet,
  type StaffAssignmentOps,
  type StaffAssignmentRecord,
  type StaffRoleSet,
} from '../staff-assignments';

const copy = (r: StaffAssignmentRecord): StaffAssignmentRecord => structuredClone(r);

/** Staff assignments (claims and overrides), in a map of their own. */
export function memoryStaffAssignments(): StaffAssignmentOps {
  const records = new Map<string, StaffAssignmentRecord>();
  const blank = (staffId: string): StaffAssignmentRecord => ({
    staffId,
    displayName: null,
    claims: null,
    claimsSeenAt: null,
    override: null,
    updatedBy: null,
    updatedAt: null,
  });
  const saveOverride = (
    staffId: string,
    override: StaffRoleSet | null,
    updatedBy: string,
    displayName: string | undefined,
  ): StaffAssignmentRecord => {
    const existing = records.get(staffId) ?? blank(staffId);
    const record = {
      ...existing,
      displayName: existing.displayName ?? displayName ?? null,
      override: override ? normalRoleSet(override) : null,
      updatedBy,
      updatedAt: nowIso(),
    };
    records.set(staffId, record);
    return copy(record);
  };
  return {
    async noteStaffClaims(staffId, displayName, claims) {
      const record = {
        ...(records.get(staffId) ?? blank(staffId)),
        displayName,
        claims: normalRoleSet(claims),
        claimsSeenAt: nowIso(),
      };
      records.set(staffId, record);
      return copy(record);
    },
    async setStaffOverride(staffId, override, updatedBy, displayName) {
      return saveOverride(staffId, override, updatedBy, displayName);
    },
    async saveStaffAssignmentKeepingAnAdmin(staffId, override, updatedBy, displayName) {
      // Synchronous from the check to the write: no other call runs in between.
      const otherAdmin = [...records.values()].some(
        (r) => r.staffId !== staffId && (r.override ?? r.claims)?.roles.includes('admin'),
      );
      if (!adminAfter(records.get(staffId) ?? null, override) && !otherAdmin)
        throw new HandoffServerError('last_admin');
      return saveOverride(staffId, override, updatedBy, displayName);
    },
    async getStaffAssignment(staffId) {
      const record = records.get(staffId);
      return record ? copy(record) : null;
    },
    async listStaffAssignments() {
      return [...records.values()]
        .sort((a, b) => compareText(a.staffId, b.staffId))
        .slice(0, 1000)
        .map(copy);
    },
  };
}

/** API keys, by id; the secret's hash beside each. */
export function memoryApiKeys(): ApiKeyOps {
  const keys = new Map<string, { record: ApiKeyRecord; secretHash: string }>();
  return {
    async createApiKey(key) {
      if (keys.has(key.id) || [...keys.values()].some((k) => k.secretHash === key.secretHash))
        throw new HandoffServerError('conflict', 'API key exists');
      const record: ApiKeyRecord = {
        id: key.id,
        name: key.name,
        scope: key.scope,
        createdBy: key.createdBy,
        createdAt: nowIso(),
        lastUsedAt: null,
        revokedAt: null,
      };
      keys.set(key.id, { record, secretHash: key.secretHash });
      return { ...record };
    },
    async findApiKey(secretHash) {
      const found = [...keys.values()].find((k) => k.secretHash === secretHash);
      return found ? { ...found.record } : null;
    },
    async touchApiKey(id, at) {
      const key = keys.get(id);
      if (!key) return;
      const last = key.record.lastUsedAt;
      if (last === null || Date.parse(at) > Date.parse(last))
        key.record.lastUsedAt = new Date(at).toISOString();
    },
    async revokeApiKey(id) {
      const key = keys.get(id);
      if (!key || key.record.revokedAt !== null) return false;
      key.record.revokedAt = nowIso();
      return true;
    },
    async listApiKeys() {
      return [...keys.values()]
        .map((k) => ({ ...k.record }))
        .sort((a, b) => compareText(b.createdAt, a.createdAt) || compareText(b.id, a.id))
        .slice(0, 1000);
    },
  };
}

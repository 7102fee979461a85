import { type AssignmentSource, effectiveAssignment } from '../auth/staff-directory';
import type { ConversationStore } from '../storage/contract';
import type { StaffRoleSet } from '../storage/staff-assignments';

/** One person on the Administration → Agents screen. */
export interface StaffDirectoryRow {
  id: string;
  displayName: string;
  /** In force now: the override, else the claims of her last sign-in. */
  roles: string[];
  queues: string[];
  /** `none`: known only as an agent of the desk, before assignments were kept. */
  source: AssignmentSource | 'none';
  /** What her identity provider stated at her last sign-in (`null`: never signed in). */
  claims: StaffRoleSet | null;
  claimsSeenAt: string | null;
  updatedBy: string | null;
  updatedAt: string | null;
  /** Her desk record, when she has worked as an agent. */
  capacity: number | null;
  presence: string | null;
  activeChats: number;
  disabled: boolean;
}

/** Everyone with an assignment record or a desk record, by id (bounded by the stores' 1,000). */
export async function staffDirectoryRows(store: ConversationStore): Promise<StaffDirectoryRow[]> {
  const [records, agents] = await Promise.all([store.listStaffAssignments(), store.listAgents()]);
  const byAgent = new Map(agents.map((a) => [a.id, a]));
  const ids = [...new Set([...records.map((r) => r.staffId), ...agents.map((a) => a.id)])].sort();
  const byRecord = new Map(records.map((r) => [r.staffId, r]));
  return Promise.all(
    ids.map(async (id) => {
      const record = byRecord.get(id);
      const agent = byAgent.get(id);
      const effective = record ? effectiveAssignment(record) : null;
      return {
        id,
        displayName: record?.displayName ?? agent?.displayName ?? id,
        roles: effective?.roles ?? (agent ? ['agent'] : []),
        queues: effective?.queues ?? agent?.queues ?? [],
        source: effective?.source ?? 'none',
        claims: record?.claims ?? null,
        claimsSeenAt: record?.claimsSeenAt ?? null,
        updatedBy: record?.updatedBy ?? null,
        updatedAt: record?.updatedAt ?? null,
        capacity: agent?.capacity ?? null,
        presence: agent?.presence ?? null,
        activeChats: agent?.activeCount ?? 0,
        disabled: (await store.getDisabledStaff(id)) !== null,
      };
    }),
  );
}

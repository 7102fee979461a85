import type { AgentPresence } from '@baton/handoff-protocol';
import type { MessageKey } from '../../i18n';

export type StaffRoleName = 'agent' | 'supervisor' | 'admin';
export const STAFF_ROLES: readonly StaffRoleName[] = ['agent', 'supervisor', 'admin'];

/** One person as `GET /api/admin/staff` lists her. */
export interface StaffRow {
  id: string;
  displayName: string;
  roles: StaffRoleName[];
  queues: string[];
  source: 'token' | 'override' | 'none';
  claims: { roles: StaffRoleName[]; queues: string[] } | null;
  updatedBy: string | null;
  capacity: number | null;
  presence: AgentPresence | null;
  activeChats: number;
  disabled: boolean;
}

export interface StaffList {
  staff: StaffRow[];
  /** Queues one may assign. */
  queues: string[];
}

export const ROLE_LABEL: Record<StaffRoleName, MessageKey> = {
  agent: 'staffRoleAgent',
  supervisor: 'staffRoleSupervisor',
  admin: 'staffRoleAdmin',
};

/** What the server said went wrong, as text for the person. */
export async function refusalText(
  response: Response,
  t: (key: MessageKey) => string,
): Promise<string> {
  const body = (await response.json().catch(() => null)) as {
    error?: { code?: string; message?: string };
  } | null;
  if (body?.error?.code === 'last_admin') return t('staffLastAdmin');
  return body?.error?.message ?? t('settingsSaveFailed');
}

import type { StaffRole } from '../auth/principal';
import type { ConversationChange } from './records';

/**
 * A signed-in staff member's server-side session, behind the console's HttpOnly cookie. The
 * store keeps only a hash of the cookie's secret (`id`), never the secret itself, and the
 * claims the socket token is issued from.
 */
export interface StaffSessionRecord {
  /** SHA-256 (hex) of the cookie secret. */
  id: string;
  staffId: string;
  displayName: string;
  roles: StaffRole[];
  clinical: boolean;
  queues: string[];
  createdAt: string;
  /** Last time the person was active in the console (automatic logoff counts from here). */
  lastActiveAt: string;
  /** Set on sign-out or automatic logoff; an ended session never comes back. */
  endedAt: string | null;
}

export type NewStaffSession = Omit<StaffSessionRecord, 'createdAt' | 'lastActiveAt' | 'endedAt'>;

/** Storage for the agent's work on the server: staff sessions and requeue at the front. */
export interface AgentWorkOps {
  /**
   * `assigned` to `agentId` → `queued` in the same queue, ahead of everyone of its priority
   * (its priority kept): the agent was gone past her grace period. `not_assignee` when someone
   * else holds it now, `state_mismatch` when it is no longer assigned.
   */
  requeueAtFront(conversationId: string, agentId: string): Promise<ConversationChange>;
  /** `conflict` error when the id exists. */
  createStaffSession(session: NewStaffSession): Promise<StaffSessionRecord>;
  getStaffSession(id: string): Promise<StaffSessionRecord | null>;
  /** Moves `lastActiveAt` forward; `null` when the session is unknown or ended. */
  touchStaffSession(id: string): Promise<StaffSessionRecord | null>;
  /** Ends one session; `null` when unknown. Ending twice keeps the first `endedAt`. */
  endStaffSession(id: string): Promise<StaffSessionRecord | null>;
  /** Ends every open session of a staff member (sign-out everywhere); returns how many. */
  endStaffSessionsOf(staffId: string): Promise<number>;
}

/** The `enqueued_at` that puts an entry first among its priority: just before the oldest. */
export function frontOf(oldest: string | null, now: string): string {
  if (oldest === null) return now;
  const before = Date.parse(oldest) - 1;
  return new Date(Math.min(before, Date.parse(now))).toISOString();
}

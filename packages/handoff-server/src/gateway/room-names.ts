import type { StaffRole } from '../auth/principal';
import type { Clearance } from '../auth/staff-view';

/** Namespaces and room names: who receives what (rooms.ts delivers to them). */
export const PATIENT_NAMESPACE = '/patient';
export const AGENT_NAMESPACE = '/agent';

export const rooms = {
  conversation: (id: string) => `conversation:${id}`,
  agent: (id: string) => `agent:${id}`,
  queue: (name: string) => `queue:${name}`,
  allQueues: 'queues:all',
  supervisors: 'supervisors',
  /** Follow-up worklist of one queue; `followups:all` for supervisors. */
  worklist: (queue: string) => `followups:${queue}`,
  allWorklists: 'followups:all',
  /** Every staff socket joins exactly one, on connection, before any other room. */
  clearance: (clearance: Clearance) => `clearance:${clearance}`,
  /** Every socket of a staff member with this role (access rules, not subscriptions). */
  staffRole: (role: StaffRole) => `role:${role}`,
  /** Every socket of an agent who serves this queue (access rules, not subscriptions). */
  serves: (queue: string) => `serves:${queue}`,
  /** Sockets of colleagues consulted about a conversation who opened it (`consult.open`). */
  consulting: (conversationId: string) => `consulting:${conversationId}`,
} as const;

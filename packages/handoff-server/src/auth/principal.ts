import type { PatientAttribute } from '@baton/handoff-protocol';

export type StaffRole = 'agent' | 'supervisor' | 'admin';

/** A patient, as vouched for by the portal backend's signed token. */
export interface PatientPrincipal {
  kind: 'patient';
  /** Opaque patient id from the token's `sub`: never an MRN or a name. */
  patientId: string;
  displayName: string;
  locale: string;
  /** When the token names a conversation, the patient reaches that one only. */
  conversationId: string | null;
  /** Attributes signed into the token (`attrs` claim): verified, shown to staff. */
  attributes?: readonly PatientAttribute[];
  /** When the token's `exp` passes (ms since epoch): a live socket is cut then. */
  tokenExpiresAt?: number;
}

/** Agents, supervisors and admins. */
export interface StaffPrincipal {
  kind: 'staff';
  staffId: string;
  displayName: string;
  roles: readonly StaffRole[];
  /** May see patient attributes marked clinical. */
  clinical: boolean;
  /** Queues this person serves as an agent. */
  queues: readonly string[];
  /** Set when the token was exchanged from a server-side staff session (its cookie). */
  sessionId?: string;
  /** When the token's `exp` passes (ms since epoch): a live socket is cut then. */
  tokenExpiresAt?: number;
  /** Where `roles` and `queues` come from, once the staff directory resolved her. */
  assignmentSource?: 'token' | 'override';
}

export type Principal = PatientPrincipal | StaffPrincipal;

export function hasRole(principal: Principal, role: StaffRole): boolean {
  return principal.kind === 'staff' && principal.roles.includes(role);
}

/** The role written to the audit log: the strongest one the principal holds. */
export function auditRole(principal: Principal): 'patient' | StaffRole {
  if (principal.kind === 'patient') return 'patient';
  return strongestRole(principal.roles);
}

/** The strongest of a staff member's roles. */
export function strongestRole(roles: readonly StaffRole[]): StaffRole {
  if (roles.includes('admin')) return 'admin';
  if (roles.includes('supervisor')) return 'supervisor';
  return 'agent';
}

export function principalId(principal: Principal): string {
  return principal.kind === 'patient' ? principal.patientId : principal.staffId;
}

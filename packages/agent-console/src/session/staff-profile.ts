import { AgentConsoleError } from '../errors';

export type StaffRole = 'agent' | 'supervisor' | 'admin';

/**
 * Who is signed in, read from the staff token's payload for display and to pick views.
 * The console never trusts it for access: the server verifies the token on every frame.
 */
export interface StaffProfile {
  staffId: string;
  displayName: string;
  roles: StaffRole[];
  clinical: boolean;
  queues: string[];
}

const ROLES: ReadonlySet<string> = new Set(['agent', 'supervisor', 'admin']);

function base64UrlDecode(part: string): string {
  const base64 = part.replace(/-/g, '+').replace(/_/g, '/');
  const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
  const binary = atob(padded);
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/** Reads the display claims of a staff JWT (`sub`, `name`, `roles`, `clinical`, `queues`). */
export function readStaffProfile(token: string): StaffProfile {
  const parts = token.split('.');
  let payload: Record<string, unknown>;
  try {
    if (parts.length !== 3) throw new Error('not a JWT');
    const decoded: unknown = JSON.parse(base64UrlDecode(parts[1]!));
    if (typeof decoded !== 'object' || decoded === null) throw new Error('not an object');
    payload = decoded as Record<string, unknown>;
  } catch (cause) {
    throw new AgentConsoleError('invalid_token', { cause });
  }
  const staffId = payload.sub;
  if (typeof staffId !== 'string' || staffId.length === 0) {
    throw new AgentConsoleError('invalid_token');
  }
  const roles = Array.isArray(payload.roles)
    ? (payload.roles.filter((r) => typeof r === 'string' && ROLES.has(r)) as StaffRole[])
    : [];
  const queues = Array.isArray(payload.queues)
    ? payload.queues.filter((q): q is string => typeof q === 'string')
    : [];
  return {
    staffId,
    displayName: typeof payload.name === 'string' && payload.name ? payload.name : staffId,
    roles,
    clinical: payload.clinical === true,
    queues,
  };
}

export const hasRole = (profile: StaffProfile, role: StaffRole): boolean =>
  profile.roles.includes(role);

import type { AgentInfo } from '@baton/handoff-protocol';
import type { StaffPrincipal } from './principal';

/** How patients and colleagues see a staff member: id, display name, initials. */
export function agentInfoOf(staff: StaffPrincipal): AgentInfo {
  // First letter of the first two words that start with a letter: "Amélie (agent)" → "A".
  const initials = staff.displayName
    .split(/\s+/)
    .map((part) => /^\p{L}/u.exec(part)?.[0] ?? '')
    .filter(Boolean)
    .slice(0, 2)
    .join('')
    .toUpperCase();
  return {
    id: staff.staffId,
    displayName: staff.displayName.slice(0, 100),
    ...(initials ? { initials } : {}),
  };
}

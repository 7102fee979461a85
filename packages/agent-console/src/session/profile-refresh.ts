import { type AgentToServer, agentMessage, type ServerToAgent } from '@baton/handoff-protocol';
import type { ConsoleNotice, ConsoleState } from './console-state';
import { hasRole, type StaffProfile } from './staff-profile';

type StaffProfileFrame = Extract<ServerToAgent, { type: 'staff.profile' }>;

/**
 * The state with the profile the server sent on this connection (`staff.profile`): the roles
 * and queues it enforces, which an administrator may have changed over her token's claims (in
 * every sign-in mode, a raw identity-provider token included). A change after the first
 * profile is noticed, so she knows why a view appeared or went away.
 */
export function withServerProfile(
  state: ConsoleState,
  frame: StaffProfileFrame,
  notice: boolean,
): ConsoleState {
  const before = state.profile;
  const profile: StaffProfile = {
    staffId: frame.staffId,
    displayName: frame.displayName,
    roles: [...frame.roles],
    clinical: frame.clinical,
    queues: [...frame.queues],
  };
  const changed =
    before.roles.join() !== profile.roles.join() || before.queues.join() !== profile.queues.join();
  if (!changed || !notice) return { ...state, profile };
  const roleNotice: ConsoleNotice = {
    id: `roles-${Date.now()}`,
    kind: 'roles-changed',
    action: 'connect',
    code: 'token_expired',
    message: '',
  };
  return { ...state, profile, notices: [...state.notices, roleNotice].slice(-5) };
}

/** What a console with these roles subscribes to: waiting lists, the dashboard, follow-ups. */
export function subscriptionsFor(profile: StaffProfile): AgentToServer[] {
  const isAgent = hasRole(profile, 'agent');
  const isSupervisor = hasRole(profile, 'supervisor');
  const staff = isAgent || isSupervisor;
  return [
    ...(staff ? [agentMessage('queue.subscribe', {})] : []),
    ...(isSupervisor ? [agentMessage('supervisor.subscribe', {})] : []),
    ...(staff ? [agentMessage('followup.subscribe', {})] : []),
  ];
}

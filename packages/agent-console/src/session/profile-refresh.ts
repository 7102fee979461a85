import type { ConsoleNotice, ConsoleState } from './console-state';
import { readStaffProfile } from './staff-profile';

/**
 * The state with the profile of a fresh connection's token (an administrator may have changed
 * her roles or queues: the server then reconnects her console). A change is noticed, so she
 * knows why a view appeared or went away; a token that cannot be read keeps the last profile.
 */
export function withFreshProfile(state: ConsoleState, token: string): ConsoleState {
  let profile = state.profile;
  try {
    profile = readStaffProfile(token);
  } catch {
    return state;
  }
  const before = state.profile;
  const changed =
    before.roles.join() !== profile.roles.join() || before.queues.join() !== profile.queues.join();
  if (!changed) return { ...state, profile };
  const notice: ConsoleNotice = {
    id: `roles-${Date.now()}`,
    kind: 'roles-changed',
    action: 'connect',
    code: 'token_expired',
    message: '',
  };
  return { ...state, profile, notices: [...state.notices, notice].slice(-5) };
}

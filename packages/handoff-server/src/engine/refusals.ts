import { BatonProtocolError } from '@baton/handoff-protocol';

/** Why an agent may not take a conversation right now, as the `error` frame's `issues[0].path`. */
export type AgentReadiness = 'presence' | 'capacity';

/** The wire errors the engine answers with (the gateway turns them into `error` frames). */
export const refuse = {
  forbidden: () =>
    new BatonProtocolError(
      'forbidden',
      'This conversation is not reachable with these credentials',
    ),
  conflict: (message: string) => new BatonProtocolError('conflict', message),
  /**
   * The agent's own desk standing refuses a claim: `forbidden`, told apart from a policy
   * denial (no issues) by `issues[0].path` (`presence` or `capacity`).
   */
  notReady: (path: AgentReadiness, message: string, issue: string) =>
    new BatonProtocolError('forbidden', message, {
      details: { issues: [{ path, message: issue }] },
    }),
  illegal: (state: string, action: string) =>
    new BatonProtocolError('illegal_transition', `"${action}" is not allowed in state "${state}"`, {
      details: { state, event: action },
    }),
  unavailable: (message = 'The server is shutting down; try again') =>
    new BatonProtocolError('unavailable', message),
  invalid: (message: string) => new BatonProtocolError('invalid_message', message),
};

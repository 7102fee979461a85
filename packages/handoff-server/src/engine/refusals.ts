import { BatonProtocolError } from '@baton/handoff-protocol';

/** The wire errors the engine answers with (the gateway turns them into `error` frames). */
export const refuse = {
  forbidden: () =>
    new BatonProtocolError(
      'forbidden',
      'This conversation is not reachable with these credentials',
    ),
  conflict: (message: string) => new BatonProtocolError('conflict', message),
  illegal: (state: string, action: string) =>
    new BatonProtocolError('illegal_transition', `"${action}" is not allowed in state "${state}"`, {
      details: { state, event: action },
    }),
  unavailable: (message = 'The server is shutting down; try again') =>
    new BatonProtocolError('unavailable', message),
  invalid: (message: string) => new BatonProtocolError('invalid_message', message),
};

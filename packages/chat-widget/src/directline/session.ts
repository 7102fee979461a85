import { BatonWidgetError } from '../errors';
import type { ChatSession, GetSession, SessionRequest } from '../types';

function isSession(value: unknown): value is ChatSession {
  const session = value as ChatSession | null;
  return (
    typeof session === 'object' &&
    session !== null &&
    typeof session.directLine === 'object' &&
    session.directLine !== null &&
    typeof session.directLine.token === 'string' &&
    typeof session.userId === 'string' &&
    typeof session.patientToken === 'string'
  );
}

/** Turns the `session` option (a URL or a callback) into one function that always validates. */
export function sessionSource(option: string | GetSession): GetSession {
  const fetchSession: GetSession =
    typeof option === 'function'
      ? option
      : async (request) => {
          const response = await fetch(option, {
            method: 'POST',
            credentials: 'same-origin',
            headers: { 'content-type': 'application/json', accept: 'application/json' },
            body: JSON.stringify(request),
          });
          if (!response.ok) {
            throw new BatonWidgetError('session_failed', {
              message: `The session endpoint answered ${response.status}.`,
            });
          }
          return (await response.json()) as ChatSession;
        };
  return async (request: SessionRequest) => {
    let session: unknown;
    try {
      session = await fetchSession(request);
    } catch (cause) {
      throw cause instanceof BatonWidgetError
        ? cause
        : new BatonWidgetError('session_failed', { cause });
    }
    if (!isSession(session)) {
      throw new BatonWidgetError('session_failed', {
        message: 'The session endpoint returned no Direct Line token, user id or patient token.',
      });
    }
    return session;
  };
}

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

/** A session request the script-tag loader sent on the click, before the widget loaded. */
export interface EarlySessionRequest {
  /** The JSON body it sent. */
  body: string;
  /** Null when the loader did not send it (another tab has the conversation to join). */
  response: Promise<Response | null>;
}

/**
 * The `session` URL as a function. The loader's early request answers the first call when
 * the widget asks for exactly what the loader asked for and the loader did send it; anything
 * else is a new request. (The loader does not start a conversation while another tab of the
 * portal has one, which the widget joins: no conversation is left unused.)
 */
function sessionEndpoint(url: string, early?: EarlySessionRequest): GetSession {
  // The early answer's body is read as soon as it is back, beside the widget's own start
  // (the tabs' lock, the panel's first paint), not after it: one task less to the greeting.
  let pending = early && {
    body: early.body,
    read: early.response.catch(() => null).then((sent) => sent && read(sent)),
  };
  pending?.read.catch(() => {}); // reported when the widget uses it
  return async (request) => {
    const body = JSON.stringify(request);
    // Not sent (another tab's conversation) or failed (the lock query, the network): asked anew.
    const sent = pending?.body === body ? await pending.read : null;
    pending = undefined;
    return (
      sent ??
      read(
        await fetch(url, {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body,
        }),
      )
    );
  };
}

function read(response: Response): Promise<ChatSession> {
  if (!response.ok) {
    throw new BatonWidgetError('session_failed', {
      message: `The session endpoint answered ${response.status}.`,
    });
  }
  return response.json() as Promise<ChatSession>;
}

/** Turns the `session` option (a URL or a callback) into one function that always validates. */
export function sessionSource(
  option: string | GetSession,
  early?: EarlySessionRequest,
): GetSession {
  const fetchSession = typeof option === 'function' ? option : sessionEndpoint(option, early);
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

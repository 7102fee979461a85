import { type ControllerCore, conversationOf, fail, setConnection } from './core';

/*
 * Keeps the Direct Line token alive. The client refreshes tokens every 15 minutes itself;
 * shorter-lived tokens are renewed here at 80% of their life, and an expired token (the
 * client reports it) is replaced with a fresh session for the same conversation. One request
 * at a time (the core's `_refreshing`).
 */

/** Get a fresh session for the same conversation and hand the new token to the client. */
export function refreshToken(c: ControllerCore): Promise<void> {
  if (c._refreshing) return c._refreshing;
  const conversationId = conversationOf(c);
  if (!conversationId || !c._client) return Promise.resolve();
  const { _options: options, _session: current } = c;
  const binding = current?.resumeBinding;
  const pending = options
    .getSession({
      locale: options.locale(),
      resume: { conversationId, ...(binding ? { resumeBinding: binding } : {}) },
    })
    .then((session) => {
      // Done before applying: an expiry the client reports while it switches tokens (its
      // poll with the old one) starts a new refresh instead of being taken for this one.
      c._refreshing = null;
      c._session = session;
      const { token, streamUrl, expiresIn } = session.directLine;
      c._client?.reconnect({
        conversationId: conversationOf(c) ?? '',
        token,
        ...(streamUrl ? { streamUrl } : {}),
      });
      scheduleRefresh(c, expiresIn);
    })
    .catch((cause: unknown) => {
      c._refreshing = null;
      setConnection(c, 'offline');
      fail(c, cause, 'session_failed');
    });
  c._refreshing = pending;
  return pending;
}

export function scheduleRefresh(c: ControllerCore, expiresIn: number | undefined): void {
  clearTimeout(c._refreshTimer);
  if (!expiresIn || expiresIn >= 20 * 60) return;
  const delay = Math.max(5, expiresIn * 0.8) * 1000;
  c._refreshTimer = setTimeout(() => void refreshToken(c), delay);
}

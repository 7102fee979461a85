import { io, type Socket } from 'socket.io-client';
import {
  type HandoffSessionOptions,
  resume,
  type SessionCore,
  unavailable,
  update,
} from './session-core';

const MAX_AUTH_RETRIES = 2;
const MAX_FIRST_CONNECT_FAILURES = 4;

/**
 * The socket on the server's `/patient` namespace, not yet connected: the patient token in its
 * handshake (a fresh one after a refusal or a `token_expired`), and when to give up: a refused
 * token twice, or a server never reached. On (re)connect, what the outbox holds is resent and
 * a committed handoff resumes.
 */
export function patientSocket(s: SessionCore, options: HandoffSessionOptions): Socket {
  let refresh = false;
  let connectedOnce = false;
  let connectFailures = 0;
  let authRetries = 0;
  const socket = io(`${options.serverUrl.replace(/\/+$/, '')}/patient`, {
    transports: ['websocket', 'polling'],
    tryAllTransports: true,
    autoConnect: false,
    ...options.socket,
    auth: (callback) => {
      const fresh = refresh;
      refresh = false;
      options.getToken(fresh).then(
        (token) => callback({ token: token ?? '' }),
        () => callback({ token: '' }),
      );
    },
  });
  const reconnecting = () => update(s, { ...s._handoffState, link: 'reconnecting' });
  socket.on('connect', () => {
    connectedOnce = true;
    authRetries = 0;
    connectFailures = 0;
    update(s, { ...s._handoffState, link: 'online' });
    if (s._requestAcked) resume(s);
    s._outbox.resend();
  });
  socket.on('disconnect', (reason) => {
    reconnecting();
    // The server cut the socket because the token expired: quietly back with a fresh one.
    if (reason === 'io server disconnect' && s._tokenExpired && !s._closed) {
      s._tokenExpired = false;
      refresh = true;
      socket.connect();
    }
  });
  socket.on('connect_error', (error: Error & { data?: { code?: string } }) => {
    const refused = !socket.active; // the server's middleware said no (a bad or old token)
    const code = error.data?.code;
    // Too many connections of this patient (tabs, windows): said plainly, no token retry.
    if (code === 'rate_limited') return unavailable(s, code);
    if (refused && authRetries < MAX_AUTH_RETRIES) {
      authRetries += 1;
      refresh = true;
      setTimeout(() => !s._closed && socket.connect(), 200 * authRetries);
      return;
    }
    connectFailures += 1;
    if (refused || (!connectedOnce && connectFailures >= MAX_FIRST_CONNECT_FAILURES)) {
      unavailable(s, code === 'unauthorized' ? code : 'unavailable');
    } else reconnecting();
  });
  return socket;
}

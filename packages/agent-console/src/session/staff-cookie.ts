import { AgentConsoleError } from '../errors';

/**
 * The server-side staff session (an HttpOnly cookie the page cannot read): signing in sets
 * it, and the console exchanges it for a short-lived socket token on load and before every
 * reconnect. Nothing is kept in web storage; the socket token stays in memory.
 */
export interface SessionGrant {
  token: string;
  idleLogoffSeconds: number;
  /** When the server logs this session off unless there is activity first. */
  logoffAt: string;
}

type Fetch = typeof fetch;

async function post(serverUrl: string, path: string, body: unknown, fetchImpl: Fetch) {
  try {
    return await fetchImpl(new URL(path, serverUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body ?? {}),
      credentials: 'include',
      cache: 'no-store',
    });
  } catch (cause) {
    throw new AgentConsoleError('connection_failed', { cause });
  }
}

function readGrant(body: unknown): SessionGrant {
  const grant = body as Partial<SessionGrant> | null;
  if (
    typeof grant?.token !== 'string' ||
    typeof grant.idleLogoffSeconds !== 'number' ||
    typeof grant.logoffAt !== 'string'
  )
    throw new AgentConsoleError('sign_in_failed');
  return grant as SessionGrant;
}

/** `POST /api/session/signin`: development sign-in that opens a cookie session. */
export async function cookieSignIn(
  serverUrl: string,
  username: string,
  password: string,
  fetchImpl: Fetch = globalThis.fetch,
): Promise<SessionGrant> {
  const response = await post(serverUrl, '/api/session/signin', { username, password }, fetchImpl);
  if (response.status === 401 || response.status === 400)
    throw new AgentConsoleError('sign_in_failed');
  if (response.status === 404) throw new AgentConsoleError('sign_in_unavailable');
  if (!response.ok) throw new AgentConsoleError('connection_failed');
  return readGrant(await response.json().catch(() => null));
}

/** `POST /api/session/token`: the cookie for a socket token; `signed_out` when it ended. */
export async function exchangeSessionCookie(
  serverUrl: string,
  fetchImpl: Fetch = globalThis.fetch,
): Promise<SessionGrant> {
  const response = await post(serverUrl, '/api/session/token', {}, fetchImpl);
  // 204: no session cookie at all; 401: it ended; 404: no cookie sessions on this server.
  if (response.status === 204 || response.status === 401 || response.status === 404)
    throw new AgentConsoleError('signed_out');
  if (!response.ok) throw new AgentConsoleError('connection_failed');
  return readGrant(await response.json().catch(() => null));
}

/** `POST /api/session/activity`: the person is active; returns the new logoff time. */
export async function reportActivity(
  serverUrl: string,
  fetchImpl: Fetch = globalThis.fetch,
): Promise<string> {
  const response = await post(serverUrl, '/api/session/activity', {}, fetchImpl);
  if (response.status === 401) throw new AgentConsoleError('signed_out');
  if (!response.ok) throw new AgentConsoleError('connection_failed');
  const body = (await response.json().catch(() => null)) as { logoffAt?: unknown } | null;
  if (typeof body?.logoffAt !== 'string') throw new AgentConsoleError('connection_failed');
  return body.logoffAt;
}

/** `POST /api/session/signout`: ends the session on every device. */
export async function cookieSignOut(
  serverUrl: string,
  fetchImpl: Fetch = globalThis.fetch,
): Promise<void> {
  await post(serverUrl, '/api/session/signout', {}, fetchImpl);
}

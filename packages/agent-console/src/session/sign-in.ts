import { AgentConsoleError } from '../errors';

/**
 * Development sign-in (`POST /api/dev/signin`, only when the server enables it): a local
 * user name and password for a staff token. Production hosts pass `getToken` instead.
 */
export async function devSignIn(
  serverUrl: string,
  username: string,
  password: string,
  fetchImpl: typeof fetch = globalThis.fetch,
): Promise<string> {
  let response: Response;
  try {
    response = await fetchImpl(new URL('/api/dev/signin', serverUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch (cause) {
    throw new AgentConsoleError('connection_failed', { cause });
  }
  if (response.status === 401 || response.status === 400) {
    throw new AgentConsoleError('sign_in_failed');
  }
  if (response.status === 404) throw new AgentConsoleError('sign_in_unavailable');
  if (!response.ok) throw new AgentConsoleError('connection_failed');
  const body = (await response.json().catch(() => null)) as { token?: unknown } | null;
  if (typeof body?.token !== 'string') throw new AgentConsoleError('sign_in_failed');
  return body.token;
}

/** `GET /api/conversations/:id/transcript` (audited by the server as an export). */
export async function fetchTranscriptExport(
  serverUrl: string,
  conversationId: string,
  token: string,
  fetchImpl: typeof fetch = globalThis.fetch,
): Promise<unknown> {
  const url = new URL(
    `/api/conversations/${encodeURIComponent(conversationId)}/transcript`,
    serverUrl,
  );
  const response = await fetchImpl(url, {
    headers: { authorization: `Bearer ${token}` },
    credentials: 'omit',
    cache: 'no-store',
  });
  if (!response.ok) {
    throw new AgentConsoleError('connection_failed', {
      message: `Transcript export failed (HTTP ${response.status})`,
    });
  }
  return response.json();
}

/**
 * A staff API request on this server (`/api/analytics`, `/api/admin/…`) with the staff token
 * as bearer; the caller reads the response. Network failures are `connection_failed`.
 */
export async function staffFetch(
  serverUrl: string,
  token: string,
  path: string,
  init: RequestInit = {},
): Promise<Response> {
  try {
    return await fetch(new URL(path, serverUrl), {
      ...init,
      headers: {
        ...(init.headers as Record<string, string>),
        authorization: `Bearer ${token}`,
      },
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch (cause) {
    throw new AgentConsoleError('connection_failed', { cause });
  }
}

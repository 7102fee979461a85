import { type CallOffer, createId } from '@baton/handoff-protocol';

/** A reminder delivery as administrators see it (ids, status, codes; no address). */
export interface DeliveryRow {
  id: string;
  channel: 'email' | 'webhook';
  kind: string;
  conversationId: string;
  status: 'pending' | 'sent' | 'failed' | 'undeliverable';
  attempts: number;
  lastError: string | null;
  dueAt: string;
  updatedAt: string;
}

interface ApiSession {
  serverUrl: string;
  token: string;
}

async function call<T>(session: ApiSession, path: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(`${session.serverUrl}${path}`, {
    ...init,
    headers: {
      authorization: `Bearer ${session.token}`,
      ...(init.body ? { 'content-type': 'application/json' } : {}),
    },
  });
  const body = (await response.json().catch(() => null)) as T & {
    error?: { code?: string };
  };
  if (!response.ok) throw new Error(body?.error?.code ?? `http_${response.status}`);
  return body;
}

/** Failed and undeliverable reminders (administrators). */
export async function listFailedDeliveries(session: ApiSession): Promise<DeliveryRow[]> {
  const body = await call<{ deliveries: DeliveryRow[] }>(
    session,
    '/api/admin/deliveries?status=failed,undeliverable',
  );
  return body.deliveries;
}

export async function retryDelivery(session: ApiSession, id: string): Promise<void> {
  await call(session, `/api/admin/deliveries/${encodeURIComponent(id)}/retry`, { method: 'POST' });
}

/** The server's call provider name, or null (no "Start a call" button then). */
export async function callProviderName(session: ApiSession): Promise<string | null> {
  const body = await call<{ provider: string | null }>(session, '/api/calls');
  return body.provider;
}

/** The server makes the meeting and offers it to the patient; the agent gets her link. */
export async function startCall(
  session: ApiSession,
  conversationId: string,
): Promise<{ call: CallOffer; agentJoinUrl: string | null }> {
  return call(session, `/api/conversations/${encodeURIComponent(conversationId)}/call`, {
    method: 'POST',
    body: JSON.stringify({ clientMessageId: createId() }),
  });
}

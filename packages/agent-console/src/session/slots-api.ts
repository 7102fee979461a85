/** One of Baton's own appointment slots, as administrators manage them. */
export interface AdminSlot {
  id: string;
  start: string;
  end: string;
  label: string | null;
  service: string | null;
  booked: boolean;
}

/** New slots: ISO instants, the clinician or place, the queue/service they serve. */
export interface NewSlot {
  start: string;
  end: string;
  label?: string;
  service?: string;
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

/** The built-in slots of the coming 14 days (`GET /api/admin/slots`). */
export async function listSlots(session: ApiSession): Promise<AdminSlot[]> {
  return (await call<{ slots: AdminSlot[] }>(session, '/api/admin/slots')).slots;
}

/** Adds slots; one already there (same time, label and service) is skipped. */
export async function addSlots(
  session: ApiSession,
  slots: NewSlot[],
): Promise<{ added: number; skipped: number }> {
  return call(session, '/api/admin/slots', { method: 'POST', body: JSON.stringify({ slots }) });
}

/**
 * `count` back-to-back slots of `minutes` from `firstStart` (a `datetime-local` value, read in
 * the administrator's time zone).
 */
export function slotSeries(
  firstStart: string,
  minutes: number,
  count: number,
  label: string,
  service: string,
): NewSlot[] {
  const start = new Date(firstStart).getTime();
  if (!Number.isFinite(start) || !(minutes > 0) || !(count > 0)) return [];
  return Array.from({ length: Math.min(count, 48) }, (_, i) => {
    const from = start + i * minutes * 60_000;
    return {
      start: new Date(from).toISOString(),
      end: new Date(from + minutes * 60_000).toISOString(),
      ...(label.trim() ? { label: label.trim() } : {}),
      ...(service.trim() ? { service: service.trim() } : {}),
    };
  });
}

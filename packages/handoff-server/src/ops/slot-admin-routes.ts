import type { IncomingMessage } from 'node:http';
import { hasRole, type StaffPrincipal } from '../auth/principal';
import type { TokenVerifiers } from '../gateway/transcript-export';
import { addNewSlots, SlotSeeds } from '../scheduling/slots-file';
import type { ConversationStore } from '../storage/contract';
import { readJson } from './http';

type Reply = { status: number; body: unknown };

const refused = (status: number, code: string, message: string): Reply => ({
  status,
  body: { error: { code, message } },
});

const DAY = 24 * 60 * 60_000;

/**
 * `GET /api/admin/slots?from&to` (at most 31 days; default the coming 14) lists Baton's own
 * slots with whether each is booked; `POST /api/admin/slots` with `{ slots: [...] }` (the
 * `BATON_SLOTS_FILE` shape) adds new ones. Administrators only (a staff bearer token).
 */
export function createSlotAdminRoutes(options: {
  store: ConversationStore;
  verifiers: TokenVerifiers;
}) {
  const { store } = options;
  return async (req: IncomingMessage, path: string): Promise<Reply | null> => {
    if (path !== '/api/admin/slots') return null;
    const auth = req.headers.authorization;
    const token = auth?.startsWith('Bearer ') ? auth.slice(7) : '';
    const admin: StaffPrincipal | null = token
      ? await options.verifiers.verifyStaff(token).catch(() => null)
      : null;
    if (!admin) return refused(401, 'unauthorized', 'An administrator token is required');
    if (!hasRole(admin, 'admin')) return refused(403, 'forbidden', 'Administrators only');
    if (req.method === 'GET') {
      const url = new URL(req.url ?? '/', 'http://admin');
      const from = Date.parse(url.searchParams.get('from') ?? '') || Date.now();
      const to = Date.parse(url.searchParams.get('to') ?? '') || from + 14 * DAY;
      if (to <= from || to - from > 31 * DAY)
        return refused(400, 'invalid_message', 'from/to must span at most 31 days');
      const slots = await store.listSlots({
        from: new Date(from).toISOString(),
        to: new Date(to).toISOString(),
      });
      return {
        status: 200,
        body: {
          slots: slots.map((s) => ({
            id: s.id,
            start: s.startsAt,
            end: s.endsAt,
            label: s.label,
            service: s.service ?? null,
            booked: s.booking !== null,
          })),
        },
      };
    }
    if (req.method !== 'POST') return refused(405, 'invalid_message', 'GET or POST');
    const body = (await readJson(req)) as { slots?: unknown } | null;
    const parsed = SlotSeeds.safeParse(body?.slots);
    if (!parsed.success || parsed.data.length === 0)
      return refused(
        400,
        'invalid_message',
        'slots must be a list of { start, end, label?, service? }',
      );
    const added = await addNewSlots(store, parsed.data);
    return { status: 201, body: { added, skipped: parsed.data.length - added } };
  };
}

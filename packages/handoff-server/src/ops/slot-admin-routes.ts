import type { IncomingMessage } from 'node:http';
import { hasRole, type StaffPrincipal } from '../auth/principal';
import type { TokenVerifiers } from '../gateway/transcript-export';
import type { SchedulingProvider } from '../scheduling/provider';
import { addNewSlots, SlotSeeds } from '../scheduling/slots-file';
import type { ConversationStore } from '../storage/contract';
import { readJson } from './http';

type Reply = { status: number; body: unknown };

const refused = (status: number, code: string, message: string): Reply => ({
  status,
  body: { error: { code, message } },
});

const DAY = 24 * 60 * 60_000;
const SLOT_PATH = /^\/api\/admin\/slots\/([\x21-\x7e]{1,200})$/;
/** Most slots one list shows (a FHIR server is asked for this many free ones). */
const LIST_LIMIT = 500;

/**
 * The scheduling provider's slots for administrators (a staff bearer token, admin role):
 * `GET /api/admin/slots?from&to` (at most 31 days; default the coming 14) lists them with
 * whether each is booked and whether this server may change them (`editable`: Baton's own
 * built-in slots; a FHIR server's free slots are read-only here). For the built-in provider,
 * `POST /api/admin/slots` with `{ slots: [...] }` (the `BATON_SLOTS_FILE` shape) adds new
 * ones and `DELETE /api/admin/slots/{id}` removes a free one (`409` when booked). Every change
 * is audited (`slots.add`, `slots.remove`), and so is a refusal.
 */
export function createSlotAdminRoutes(options: {
  store: ConversationStore;
  verifiers: TokenVerifiers;
  /** The configured provider; absent or `built-in`: Baton's own slots, editable. */
  scheduling?: SchedulingProvider;
}) {
  const { store } = options;
  const provider = options.scheduling?.name ?? 'built-in';
  const editable = provider === 'built-in';
  return async (req: IncomingMessage, path: string): Promise<Reply | null> => {
    const one = SLOT_PATH.exec(path);
    if (path !== '/api/admin/slots' && !one) return null;
    const auth = req.headers.authorization;
    const token = auth?.startsWith('Bearer ') ? auth.slice(7) : '';
    const admin: StaffPrincipal | null = token
      ? await options.verifiers.verifyStaff(token).catch(() => null)
      : null;
    if (!admin) return refused(401, 'unauthorized', 'An administrator token is required');
    const audit = (action: 'slots.add' | 'slots.remove', allowed: boolean, extra = {}) =>
      store.appendAudit({
        action,
        outcome: allowed ? 'allowed' : 'denied',
        actorId: admin.staffId,
        actorRole: hasRole(admin, 'admin') ? 'admin' : 'agent',
        ...extra,
      });
    if (!hasRole(admin, 'admin')) {
      if (req.method === 'POST' || req.method === 'DELETE')
        await audit(req.method === 'POST' ? 'slots.add' : 'slots.remove', false, {
          reason: 'role_required',
        });
      return refused(403, 'forbidden', 'Administrators only');
    }
    if (one) {
      if (req.method !== 'DELETE') return refused(405, 'invalid_message', 'DELETE only');
      const slotId = decodeURIComponent(one[1]!);
      if (!editable) {
        await audit('slots.remove', false, { targetId: slotId, reason: 'read_only_provider' });
        return refused(409, 'conflict', `Slots of the ${provider} provider are read-only here`);
      }
      const outcome = await store.removeSlot(slotId);
      if (outcome === 'not_found') return refused(404, 'not_found', 'No such slot');
      if (outcome === 'booked') {
        await audit('slots.remove', false, { targetId: slotId, reason: 'booked' });
        return refused(409, 'conflict', 'The slot is booked: cancel the booking first');
      }
      await audit('slots.remove', true, { targetId: slotId });
      return { status: 200, body: { removed: slotId } };
    }
    if (req.method === 'GET') {
      const url = new URL(req.url ?? '/', 'http://admin');
      const from = Date.parse(url.searchParams.get('from') ?? '') || Date.now();
      const to = Date.parse(url.searchParams.get('to') ?? '') || from + 14 * DAY;
      if (to <= from || to - from > 31 * DAY)
        return refused(400, 'invalid_message', 'from/to must span at most 31 days');
      const period = { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
      if (!editable && options.scheduling) {
        const free = await options.scheduling.searchFreeSlots({ ...period, max: LIST_LIMIT });
        return {
          status: 200,
          body: {
            provider,
            editable,
            slots: free.map((s) => ({
              id: s.id,
              start: s.start,
              end: s.end,
              label: s.schedule?.display ?? s.comment ?? null,
              service: s.serviceType?.[0]?.text ?? null,
              booked: false,
            })),
          },
        };
      }
      const slots = await store.listSlots(period);
      return {
        status: 200,
        body: {
          provider,
          editable,
          slots: slots.slice(0, LIST_LIMIT).map((s) => ({
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
    if (!editable) {
      await audit('slots.add', false, { reason: 'read_only_provider' });
      return refused(409, 'conflict', `Slots of the ${provider} provider are read-only here`);
    }
    const body = (await readJson(req)) as { slots?: unknown } | null;
    const parsed = SlotSeeds.safeParse(body?.slots);
    if (!parsed.success || parsed.data.length === 0)
      return refused(
        400,
        'invalid_message',
        'slots must be a list of { start, end, label?, service? }',
      );
    const added = await addNewSlots(store, parsed.data);
    await audit('slots.add', true, {
      targetId: parsed.data.length === 1 ? (parsed.data[0]!.id ?? null) : null,
      reason: `added=${added}`,
    });
    return { status: 201, body: { added, skipped: parsed.data.length - added } };
  };
}

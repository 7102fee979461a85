import type { Slot } from '@baton/handoff-protocol';
import { FhirId } from '@baton/handoff-protocol';
import {
  type BookingParty,
  DEFAULT_SLOT_COUNT,
  type ScheduledAppointment,
  type SchedulingOutcome,
  type SchedulingProvider,
  type SlotQuery,
} from '../scheduling/provider';
import type { FhirClient, FhirResource } from './client';
import { readable } from './field-mapping';

/** Where Baton marks its appointments (opaque ids, no PHI). */
export const BATON_PATIENT_SYSTEM = 'urn:baton:patient';
export const BATON_CONVERSATION_SYSTEM = 'urn:baton:conversation';

export interface FhirSchedulingOptions {
  client: FhirClient;
  /** Only slots of these schedules (`Schedule/<id>` or `<id>`); default all. */
  schedules?: readonly string[];
  /** Search `Slot?service-type=<service>` with the conversation's queue/service. Default off. */
  matchService?: boolean;
  /**
   * The patient as an `Appointment` participant: `Patient/{patientId}` (`by: 'id'`) or a
   * logical reference by identifier. Default: by identifier in `urn:baton:patient`.
   */
  patientReference?: { by: 'id' } | { by: 'identifier'; system: string };
}

type FhirSlot = FhirResource & { status?: string; start?: string; end?: string };
type FhirAppointment = FhirResource & {
  status?: string;
  start?: string;
  end?: string;
  slot?: { reference?: string }[];
  identifier?: { system?: string; value?: string }[];
};

const identifierOf = (resource: FhirAppointment, system: string) =>
  resource.identifier?.find((i) => i.system === system)?.value;

/**
 * Scheduling on a FHIR R4 server: free `Slot`s are searched; booking marks the slot `busy`
 * with `If-Match` (of concurrent bookings exactly one wins) and creates a `booked`
 * `Appointment`; cancelling sets it `cancelled` and frees the slot; rescheduling books the new
 * slot first and then cancels the old appointment, so a lost race leaves the old one standing.
 */
export function fhirScheduling(options: FhirSchedulingOptions): SchedulingProvider {
  const { client } = options;
  const scheduleNames = new Map<string, Promise<string | null>>();

  const scheduleDisplay = (reference: string | undefined): Promise<string | null> => {
    if (!reference?.startsWith('Schedule/')) return Promise.resolve(null);
    let name = scheduleNames.get(reference);
    if (!name) {
      name = client
        .read('Schedule', reference.slice('Schedule/'.length))
        .then((schedule) => {
          const actors = Array.isArray(schedule?.actor) ? schedule.actor : [];
          return readable(actors[0]) ?? null;
        })
        .catch(() => null);
      scheduleNames.set(reference, name);
    }
    return name;
  };

  const toSlot = async (resource: FhirSlot, status: Slot['status']): Promise<Slot | null> => {
    if (!resource.id || !FhirId.safeParse(resource.id).success) return null;
    if (!resource.start || !resource.end) return null;
    const start = new Date(resource.start).toISOString();
    const end = new Date(resource.end).toISOString();
    if (Date.parse(start) >= Date.parse(end)) return null;
    const schedule = resource.schedule as { reference?: string; display?: string } | undefined;
    const display = schedule?.display ?? (await scheduleDisplay(schedule?.reference));
    const serviceTypes = (Array.isArray(resource.serviceType) ? resource.serviceType : [])
      .map(readable)
      .filter((t): t is string => t !== null)
      .slice(0, 5);
    return {
      resourceType: 'Slot',
      id: resource.id,
      status,
      start,
      end,
      ...(serviceTypes.length
        ? { serviceType: serviceTypes.map((t) => ({ text: t.slice(0, 200) })) }
        : {}),
      ...(display ? { schedule: { display: display.slice(0, 200) } } : {}),
    };
  };

  const search = async (query: SlotQuery): Promise<Slot[]> => {
    const max = query.max ?? DEFAULT_SLOT_COUNT;
    const params: [string, string][] = [
      ['status', 'free'],
      ['start', `ge${new Date(query.from).toISOString()}`],
      ['start', `lt${new Date(query.to).toISOString()}`],
      ['_sort', 'start'],
      ['_count', String(max)],
    ];
    if (options.schedules?.length)
      params.push([
        'schedule',
        options.schedules.map((s) => (s.startsWith('Schedule/') ? s : `Schedule/${s}`)).join(','),
      ]);
    if (options.matchService && query.service) params.push(['service-type', query.service]);
    if (Date.parse(query.from) >= Date.parse(query.to)) return [];
    const found = await client.search<FhirSlot>('Slot', params);
    const slots = await Promise.all(found.map((s) => toSlot(s, 'free')));
    return slots.filter((s): s is Slot => s !== null).slice(0, max);
  };

  const participant = (patientId: string) => {
    const ref = options.patientReference;
    if (ref?.by === 'id') return { reference: `Patient/${patientId}` };
    return { identifier: { system: ref?.system ?? BATON_PATIENT_SYSTEM, value: patientId } };
  };

  const asAppointment = async (
    resource: FhirAppointment,
    patientId: string,
  ): Promise<ScheduledAppointment | null> => {
    const slotId = resource.slot?.[0]?.reference?.replace(/^Slot\//, '');
    const conversationId = identifierOf(resource, BATON_CONVERSATION_SYSTEM);
    if (!resource.id || !slotId || !conversationId) return null;
    if (resource.status !== 'booked' && resource.status !== 'cancelled') return null;
    const status = resource.status;
    const slot = await toSlot(
      {
        resourceType: 'Slot',
        id: slotId,
        start: resource.start,
        end: resource.end,
        serviceType: resource.serviceType,
      },
      status === 'booked' ? 'busy' : 'free',
    );
    return slot ? { id: resource.id, status, slot, patientId, conversationId } : null;
  };

  /** The patient's own appointment (Baton-made), or null. */
  const ownAppointment = async (id: string, patientId: string) => {
    if (!FhirId.safeParse(id).success) return null;
    const found = await client.read<FhirAppointment>('Appointment', id);
    return found && identifierOf(found, BATON_PATIENT_SYSTEM) === patientId ? found : null;
  };

  const setSlotStatus = async (slot: FhirSlot, status: 'free' | 'busy') =>
    client.update({ ...slot, status }, slot.meta?.versionId);

  const book = async (
    slotId: string,
    party: BookingParty,
    fresh: SlotQuery,
  ): Promise<SchedulingOutcome> => {
    const conflict = async (): Promise<SchedulingOutcome> => ({
      ok: false,
      reason: 'conflict',
      freeSlots: (await search(fresh)).filter((s) => s.id !== slotId),
    });
    if (!FhirId.safeParse(slotId).success) return { ok: false, reason: 'not_found' };
    const slot = await client.read<FhirSlot>('Slot', slotId);
    if (!slot) return { ok: false, reason: 'not_found' };
    if (slot.status !== 'free') return conflict();
    const taken = await setSlotStatus(slot, 'busy');
    if (!taken.ok) return conflict();
    const created = await client.create<FhirAppointment>({
      resourceType: 'Appointment',
      status: 'booked',
      start: slot.start,
      end: slot.end,
      ...(slot.serviceType ? { serviceType: slot.serviceType } : {}),
      slot: [{ reference: `Slot/${slotId}` }],
      participant: [{ actor: participant(party.patientId), status: 'accepted' }],
      identifier: [
        { system: BATON_PATIENT_SYSTEM, value: party.patientId },
        { system: BATON_CONVERSATION_SYSTEM, value: party.conversationId },
      ],
    });
    const appointment = await asAppointment(created, party.patientId);
    return appointment ? { ok: true, appointment } : { ok: false, reason: 'not_found' };
  };

  const cancelOwn = async (
    found: FhirAppointment,
    patientId: string,
  ): Promise<SchedulingOutcome> => {
    const updated = await client.update<FhirAppointment>(
      { ...found, status: 'cancelled' },
      found.meta?.versionId,
    );
    if (!updated.ok) return { ok: false, reason: 'not_found' };
    const slotId = found.slot?.[0]?.reference?.replace(/^Slot\//, '');
    const slot = slotId ? await client.read<FhirSlot>('Slot', slotId) : null;
    if (slot?.status === 'busy') await setSlotStatus(slot, 'free');
    const appointment = await asAppointment(updated.resource, patientId);
    return appointment ? { ok: true, appointment } : { ok: false, reason: 'not_found' };
  };

  return {
    name: 'fhir',
    searchFreeSlots: search,
    book,

    async cancel(appointmentId, patientId) {
      const found = await ownAppointment(appointmentId, patientId);
      if (found?.status !== 'booked') return { ok: false, reason: 'not_found' };
      return cancelOwn(found, patientId);
    },

    async reschedule(appointmentId, newSlotId, patientId, fresh) {
      const found = await ownAppointment(appointmentId, patientId);
      const conversationId = found && identifierOf(found, BATON_CONVERSATION_SYSTEM);
      if (found?.status !== 'booked' || !conversationId) return { ok: false, reason: 'not_found' };
      const moved = await book(newSlotId, { patientId, conversationId }, fresh);
      if (!moved.ok) return moved;
      await cancelOwn(found, patientId);
      return moved;
    },

    async appointment(appointmentId, patientId) {
      const found = await ownAppointment(appointmentId, patientId);
      return found ? asAppointment(found, patientId) : null;
    },
  };
}

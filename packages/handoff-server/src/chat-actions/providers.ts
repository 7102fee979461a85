import type { Slot } from '@baton/handoff-protocol';
import type { SchedulingProvider } from '../scheduling/provider';

/** The most slots an offer lists (the protocol's `AppointmentOffer` bound). */
const MAX_OFFERED_SLOTS = 20;

/**
 * Free slots an agent may offer now: the one place slots are fetched for chat actions (a
 * scheduling provider plugs in here).
 */
export function offerableSlots(
  scheduling: SchedulingProvider,
  now: number,
  windowMs: number,
): Promise<Slot[]> {
  return scheduling.searchFreeSlots({
    from: new Date(now).toISOString(),
    to: new Date(now + windowMs).toISOString(),
    max: MAX_OFFERED_SLOTS,
  });
}

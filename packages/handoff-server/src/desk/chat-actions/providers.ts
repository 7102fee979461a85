import type { Slot } from '@baton/handoff-protocol';
import { freeSlots } from '../../engine/followups/slots';
import type { ConversationStore } from '../../storage/contract';

/** The most slots an offer lists (the protocol's `AppointmentOffer` bound). */
const MAX_OFFERED_SLOTS = 20;

/**
 * Free slots an agent may offer now: the one place slots are fetched for chat actions (a
 * scheduling provider plugs in here).
 */
export function offerableSlots(
  store: ConversationStore,
  now: number,
  windowMs: number,
): Promise<Slot[]> {
  return freeSlots(store, now, windowMs, MAX_OFFERED_SLOTS);
}

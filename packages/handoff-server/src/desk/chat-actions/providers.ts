import { type CallOffer, type CallProvider, createId, type Slot } from '@baton/handoff-protocol';
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

/**
 * A call invitation for a conversation from the configured link template: the one place a
 * call is created for chat actions (a call provider plugs in here).
 */
export function callOfferFor(
  template: string,
  provider: CallProvider,
  conversationId: string,
  now: number,
  ttlMs: number,
): CallOffer {
  const callId = createId();
  const joinUrl = template
    .replaceAll('{conversationId}', encodeURIComponent(conversationId))
    .replaceAll('{callId}', encodeURIComponent(callId));
  return { callId, provider, joinUrl, expiresAt: new Date(now + ttlMs).toISOString() };
}

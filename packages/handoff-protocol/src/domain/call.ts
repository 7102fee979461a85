import * as z from 'zod/mini';
import { Id, Timestamp } from './primitives';

export const CallProvider = z.enum(['teams', 'webrtc', 'phone', 'other']);
export type CallProvider = z.infer<typeof CallProvider>;

/** An invitation to join a call (Teams meeting, WebRTC room, dial-in page). */
export const CallOffer = z.object({
  callId: Id,
  provider: CallProvider,
  /** Always https: the widget opens it in a new tab; no other scheme is accepted. */
  joinUrl: z.url({ protocol: /^https$/ }).check(z.maxLength(2048)),
  expiresAt: Timestamp,
});
export type CallOffer = z.infer<typeof CallOffer>;

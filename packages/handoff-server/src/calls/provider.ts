import type { CallOffer } from '@baton/handoff-protocol';

/** What the server asks of a call provider: ids and times only (no patient data). */
export interface MeetingRequest {
  conversationId: string;
  /** The staff member who starts the call. */
  agentId: string;
  /** When the invitation stops being offered (ISO); also the meeting's end. */
  expiresAt: string;
}

/** A meeting made for one conversation: one link for the patient, one for the agent. */
export interface Meeting {
  callId: string;
  provider: CallOffer['provider'];
  /** https; sent to the patient in `call.offer`. */
  patientJoinUrl: string;
  /** https; returned to the agent who started it (may equal the patient's). */
  agentJoinUrl: string;
  expiresAt: string;
}

/**
 * Creates meetings (Teams, Jitsi, Whereby…) for conversations, like an adapter: small,
 * given its clients, tested with `testCallProvider`. A failure is a `HandoffServerError`
 * `call_provider_unavailable` (its cause kept, never logged with tokens).
 */
export interface CallProvider {
  readonly name: string;
  createMeeting(request: MeetingRequest): Promise<Meeting>;
}

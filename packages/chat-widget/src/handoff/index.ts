import type {
  EscalationReason,
  PatientContext,
  Priority,
  Transcript,
} from '@baton/handoff-protocol';

/**
 * The seam for the human handoff client (socket.io, queue and agent UI). It is not part of
 * this slice: the widget only calls `loadHandoffClient()` when the host configured `handoff`,
 * and the chunk behind it is loaded lazily, at escalation time.
 */
export interface HandoffStart {
  reason: EscalationReason;
  priority: Priority;
  transcript: Transcript;
  patient?: PatientContext;
  directLine?: { conversationId: string; watermark?: string };
}

export interface HandoffClient {
  /** Sends `handoff.request`; resolves once the server acknowledged it. */
  start(request: HandoffStart): Promise<void>;
  close(): void;
}

export interface HandoffClientOptions {
  /** The handoff server's URL. */
  serverUrl: string;
  /** The signed patient token, for the server to bind the patient. */
  patientToken: string;
  locale: string;
}

export type CreateHandoffClient = (options: HandoffClientOptions) => HandoffClient;

/** Loads the handoff chunk. */
export async function loadHandoffClient(): Promise<CreateHandoffClient> {
  const module = await import('./client');
  return module.createHandoffClient;
}

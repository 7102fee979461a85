import type { FollowUpItem, HandoffRequest, TextFormat } from '@baton/handoff-protocol';
import type { AdapterCloseReason, AdapterPatientAttachment } from '../contract';

/** What the webhook adapter sends to the external system, one JSON object per POST. */
export type WebhookEvent =
  | WebhookEventOf<'handoff.requested', { request: HandoffRequest; requestedAt: string }>
  | WebhookEventOf<
      'patient.message',
      { seq: number; text: string; textFormat?: TextFormat; at: string }
    >
  | WebhookEventOf<'patient.typing', { active: boolean }>
  | WebhookEventOf<'patient.read', { upToSeq: number }>
  | WebhookEventOf<'conversation.closed', { reason: AdapterCloseReason }>
  /** A follow-up item was created, claimed or closed; `item.request` is PHI. */
  | WebhookEventOf<
      'followup.changed',
      { change: 'created' | 'claimed' | 'closed'; item: FollowUpItem }
    >
  /** The patient shared a file: fetch its bytes with `url` (signed, until `expiresAt`). */
  | WebhookEventOf<'patient.attachment', AdapterPatientAttachment>;

export type WebhookEventType = WebhookEvent['type'];

interface WebhookEventOf<Type extends string, Data> {
  /** Unique per event and stable across retries: the receiver's idempotency key. */
  id: string;
  type: Type;
  /** When the event was created (not when this attempt was sent), ISO 8601. */
  createdAt: string;
  conversationId: string;
  data: Data;
}

/** Events the receiver may miss without harm: sent once, never retried or dead-lettered. */
export function isEphemeral(type: WebhookEventType): boolean {
  switch (type) {
    case 'patient.typing':
    case 'patient.read':
      return true;
    case 'handoff.requested':
    case 'patient.message':
    case 'conversation.closed':
    case 'followup.changed':
    case 'patient.attachment':
      return false;
    default:
      return unreachable(type);
  }
}

function unreachable(value: never): never {
  throw new Error(`unexpected event type ${String(value)}`);
}

export { createWebhookAdapter, WebhookAdapter, type WebhookAdapterOptions } from './adapter';
export {
  MemoryWebhookDeadLetters,
  type WebhookDeadLetter,
  type WebhookDeadLetterStore,
} from './dead-letters';
export type { WebhookEvent, WebhookEventType } from './events';
export { createWebhookInboundHandler, type WebhookInboundOptions } from './inbound';
export { backoffDelay, DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry';
export {
  DEFAULT_SIGNATURE_TOLERANCE_SECONDS,
  type SignatureCheck,
  signWebhookPayload,
  type VerifyWebhookSignatureOptions,
  verifyWebhookSignature,
  WEBHOOK_SIGNATURE_HEADER,
} from './signature';

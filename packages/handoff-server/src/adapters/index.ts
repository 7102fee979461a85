export {
  AgentDesk,
  type AgentDeskOptions,
  createAgentDesk,
  type DeskDelivery,
  type QueueRule,
  type RoutingConfig,
  routeHandoff,
} from '../desk';
export { HandoffServerError, type HandoffServerErrorCode } from '../internal/errors';
export {
  type BotConnectorHandlerOptions,
  BotFrameworkHubAdapter,
  type BotFrameworkHubOptions,
  createBotConnectorHandler,
  createBotFrameworkHubAdapter,
} from './botframework-hub';
export type {
  AdapterAgentMessage,
  AdapterCloseReason,
  AdapterConversation,
  AdapterFollowUpChange,
  AdapterHost,
  AdapterLogger,
  AdapterPatientMessage,
  AdapterTransfer,
  HandoffAdapter,
} from './contract';
export {
  createWebhookAdapter,
  createWebhookInboundHandler,
  DEFAULT_RETRY_POLICY,
  DEFAULT_SIGNATURE_TOLERANCE_SECONDS,
  MemoryWebhookDeadLetters,
  type RetryPolicy,
  type SignatureCheck,
  signWebhookPayload,
  type VerifyWebhookSignatureOptions,
  verifyWebhookSignature,
  WEBHOOK_SIGNATURE_HEADER,
  WebhookAdapter,
  type WebhookAdapterOptions,
  type WebhookDeadLetter,
  type WebhookDeadLetterStore,
  type WebhookEvent,
  type WebhookEventType,
  type WebhookInboundOptions,
} from './webhook';

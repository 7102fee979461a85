export { agentInfoOf } from '../auth/agent-info';
export { createDirectLineBotChannel, type DirectLineBotChannelOptions } from './bot-channel';
export { ConversationEngine, type ConversationEngineOptions } from './engine';
export type {
  BotChannel,
  ConversationChangeEvent,
  ConversationChangeListener,
  ConversationDelivery,
  EngineDeskHooks,
  EngineMetrics,
  EngineTimeouts,
} from './types';
export { DEFAULT_FALLBACKS, DEFAULT_TIMEOUTS } from './types';

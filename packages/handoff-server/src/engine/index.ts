export { createDirectLineBotChannel, type DirectLineBotChannelOptions } from './bot-channel';
export { ConversationEngine } from './engine';
export type {
  BotChannel,
  ConversationChangeEvent,
  EngineTimeouts,
} from './types';

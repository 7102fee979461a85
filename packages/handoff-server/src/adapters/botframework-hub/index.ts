export type { ChannelAccount, OutboundActivity } from './activities';
export {
  BotFrameworkHubAdapter,
  type BotFrameworkHubOptions,
  createBotFrameworkHubAdapter,
} from './adapter';
export { type BotConnectorHandlerOptions, createBotConnectorHandler } from './connector';

export { BotFrameworkHubAdapter, createBotFrameworkHubAdapter } from './adapter';
export {
  type BotAuthenticationOptions,
  type BotAuthFailure,
  type BotAuthResult,
  createBotTokenValidator,
} from './bot-authentication';
export { type BotConnectorHandlerOptions, createBotConnectorHandler } from './connector';
export type { BotFrameworkHubOptions } from './hub-options';

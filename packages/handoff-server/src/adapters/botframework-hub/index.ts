export {
  BotFrameworkHubAdapter,
  type BotFrameworkHubOptions,
  createBotFrameworkHubAdapter,
} from './adapter';
export {
  type BotAuthenticationOptions,
  type BotAuthFailure,
  type BotAuthResult,
  createBotTokenValidator,
} from './bot-authentication';
export { type BotConnectorHandlerOptions, createBotConnectorHandler } from './connector';

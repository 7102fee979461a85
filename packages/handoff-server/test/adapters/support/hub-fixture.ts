import {
  BotFrameworkHubAdapter,
  type BotFrameworkHubOptions,
  createBotConnectorHandler,
} from '../../../src/adapters/botframework-hub';
import type { AdapterFixture } from '../../../src/adapters/conformance';
import { listen, type RunningServer } from './http';
import { HubBot, type HubBotOptions } from './hub-bot';

export interface HubFixture extends AdapterFixture {
  adapter: BotFrameworkHubAdapter;
  bot: HubBot;
  connector: RunningServer;
  /** `METHOD path` of every call the bot made to the connector endpoint. */
  connectorPaths: string[];
}

/**
 * The hub adapter, its Bot Connector endpoint on a real server, and a real botbuilder bot.
 * The connector server starts first (the adapter needs its URL as `serviceUrl`); its
 * handler is bound once the adapter exists.
 */
export async function createHubFixture(
  botOptions: HubBotOptions = {},
  adapterOptions: Partial<BotFrameworkHubOptions> = {},
): Promise<HubFixture> {
  const bot = await new HubBot(botOptions).start();
  let handler: ReturnType<typeof createBotConnectorHandler> | undefined;
  const connectorPaths: string[] = [];
  const connector = await listen((req, res) => {
    connectorPaths.push(`${req.method} ${req.url}`);
    handler?.(req, res);
  });
  const adapter = new BotFrameworkHubAdapter({
    botEndpoint: bot.endpoint,
    serviceUrl: `${connector.url}/api/botframework/`,
    allowAnonymousBot: true,
    ...adapterOptions,
  });
  handler = createBotConnectorHandler(adapter);
  return {
    adapter,
    bot,
    connector,
    connectorPaths,
    agentSide: {
      accept: (id, agent) => bot.status(id, 'accepted', agent),
      say: (id, externalId, text) => bot.say(id, externalId, text),
      end: (id) => bot.status(id, 'completed'),
      refuse: (id) => bot.status(id, 'failed'),
      received: async (id) => bot.received(id),
      receivedFiles: async (id) => bot.files(id),
      sendFile: (id, externalId, file) =>
        bot.sendFile(id, externalId, {
          name: file.name,
          contentType: 'application/pdf',
          contentUrl: `data:application/pdf;base64,${Buffer.from(file.bytes).toString('base64')}`,
        }),
    },
    cleanup: async () => {
      await connector.close();
      await bot.close();
    },
  };
}

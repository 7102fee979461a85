import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ActivityHandler,
  ActivityTypes,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  EventFactory,
  MessageFactory,
  type TurnContext,
} from 'botbuilder';

/**
 * A real Bot Framework bot (botbuilder CloudAdapter, no app id) for channel-mode tests:
 * greets new members, echoes messages with typing first, hands off on "agent", and fails
 * (HTTP 500) on "crash". `slow` makes it take `slowMs` before answering; `held` waits for
 * the `held` promise, so a test decides when the reply comes.
 */
export class TestBot extends ActivityHandler {
  slowMs = 0;
  held: Promise<void> | undefined;
  received: { type: string; serviceUrl?: string; channelId?: string; text?: string }[] = [];

  constructor() {
    super();
    this.onTurn(async (context, next) => {
      const { type, serviceUrl, channelId, text } = context.activity;
      this.received.push({ type, serviceUrl, channelId, text });
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      for (const member of context.activity.membersAdded ?? []) {
        if (member.id !== context.activity.recipient.id) await context.sendActivity('Welcome!');
      }
      await next();
    });
    this.onMessage(async (context, next) => {
      await this.onPatientMessage(context);
      await next();
    });
  }

  private async onPatientMessage(context: TurnContext) {
    const text = context.activity.text ?? '';
    if (text === 'crash') throw new Error('the bot crashed');
    if (text === 'slow') await new Promise((r) => setTimeout(r, this.slowMs));
    if (text === 'held') await this.held;
    if (text === 'agent') {
      await context.sendActivity('Transferring you to an agent.');
      const handoff = EventFactory.createHandoffInitiation(
        context,
        { skill: 'billing' },
        { activities: [context.activity] },
      );
      await context.sendActivity(handoff);
      return;
    }
    await context.sendActivity({ type: ActivityTypes.Typing });
    await context.sendActivity(MessageFactory.text(`echo: ${text}`));
  }
}

async function jsonBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
}

export interface RunningBot {
  bot: TestBot;
  endpoint: string;
  close(): Promise<void>;
}

/** Serves the bot at `/api/messages` on 127.0.0.1 with plain node:http. */
export async function startTestBot(): Promise<RunningBot> {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  adapter.onTurnError = async () => {
    throw new Error('turn failed');
  };
  const bot = new TestBot();
  const server: Server = createServer(async (req, res) => {
    try {
      const body = await jsonBody(req);
      const response = {
        socket: res.socket,
        status: (code: number) => {
          res.statusCode = code;
        },
        header: (name: string, value: unknown) => res.setHeader(name, String(value)),
        send: (payload: unknown) => {
          if (!res.headersSent) res.setHeader('Content-Type', 'application/json');
          res.write(typeof payload === 'string' ? payload : JSON.stringify(payload));
        },
        end: () => res.end(),
      };
      await adapter.process(
        { body, headers: req.headers, method: req.method },
        response,
        (context) => bot.run(context),
      );
    } catch {
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    bot,
    endpoint: `http://127.0.0.1:${port}/api/messages`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

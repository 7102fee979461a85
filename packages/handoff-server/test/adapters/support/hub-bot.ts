import type { AgentInfo } from '@baton/handoff-protocol';
import {
  type Activity,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConversationReference,
  EventFactory,
  TurnContext,
} from 'botbuilder';
import { listen, type RunningServer, readJson } from './http';

/** The part of botbuilder's ConnectorClient the bot calls directly. */
interface ConnectorLike {
  conversations: {
    sendToConversation(conversationId: string, activity: Partial<Activity>): Promise<unknown>;
  };
}

export interface HubBotOptions {
  /** Play a whole agent by itself: accept at once, echo each message, complete on "bye". */
  autopilot?: AgentInfo;
}

/**
 * A real Bot Framework bot (botbuilder's CloudAdapter, no app id) acting as a human-agent
 * hub, behind a node:http server on 127.0.0.1. It answers through the serviceUrl each
 * activity carries, with botbuilder's own connector client.
 */
export class HubBot {
  readonly initiations: Activity[] = [];
  readonly activities: Activity[] = [];
  readonly turnErrors: unknown[] = [];
  private readonly adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  private readonly references = new Map<string, Partial<ConversationReference>>();
  private server: RunningServer | null = null;

  constructor(private readonly options: HubBotOptions = {}) {
    this.adapter.onTurnError = async (_context, error) => {
      this.turnErrors.push(error);
    };
  }

  get endpoint(): string {
    if (!this.server) throw new Error('bot not started');
    return `${this.server.url}/api/messages`;
  }

  async start(): Promise<this> {
    this.server = await listen((req, res) => {
      readJson(req).then(({ json }) => {
        // CloudAdapter expects express/restify-style objects: a parsed body, status/send/end.
        const request = {
          body: json as Record<string, unknown>,
          headers: req.headers,
          method: req.method,
        };
        const response = {
          socket: res.socket,
          header: (name: string, value: unknown) => res.setHeader(name, String(value)),
          status: (code: number) => {
            res.statusCode = code;
          },
          send: (body?: unknown) => {
            if (body !== undefined) {
              res.setHeader('content-type', 'application/json');
              res.write(typeof body === 'string' ? body : JSON.stringify(body));
            }
          },
          end: () => res.end(),
        };
        void this.adapter.process(request, response, (context) => this.turn(context));
      });
    });
    return this;
  }

  async close(): Promise<void> {
    await this.server?.close();
  }

  /** Texts of the patient messages the bot received for a conversation, once each. */
  received(conversationId: string): string[] {
    const seen = new Set<string>();
    return this.activities
      .filter((a) => a.type === 'message' && a.conversation.id === conversationId)
      .filter((a) => !a.attachments?.length)
      .filter((a) => !seen.has(a.id!) && seen.add(a.id!))
      .map((a) => a.text ?? '');
  }

  /** The patient's files the bot received (message activities with a `contentUrl`), once each. */
  files(conversationId: string) {
    const seen = new Set<string>();
    return this.activities
      .filter((a) => a.type === 'message' && a.conversation.id === conversationId)
      .filter((a) => a.attachments?.length && !seen.has(a.id!) && seen.add(a.id!))
      .map((a) => ({
        name: a.attachments![0]!.name ?? '',
        contentType: a.attachments![0]!.contentType,
        size: Number((a.channelData as { baton?: { size?: number } })?.baton?.size),
        url: a.attachments![0]!.contentUrl ?? '',
      }));
  }

  /** Sends `handoff.status` (accepted/failed/completed) into a conversation, proactively. */
  status(conversationId: string, state: 'accepted' | 'failed' | 'completed', agent?: AgentInfo) {
    return this.proactive(conversationId, async (context) => {
      const event = EventFactory.createHandoffStatus(context.activity.conversation, state);
      if (agent) event.value = { ...event.value, agent };
      await context.sendActivity(event);
    });
  }

  /**
   * Sends a message as the agent, with the agent system's id for it in `channelData`
   * (botbuilder drops `activity.id` on send). Posted with the connector client's
   * `sendToConversation` (`…/activities`); `status` goes out as a reply (`…/activities/{id}`).
   */
  say(conversationId: string, id: string, text: string, agent?: AgentInfo) {
    return this.proactive(conversationId, async (context) => {
      const client = context.turnState.get(this.adapter.ConnectorClientKey) as ConnectorLike;
      const reference = TurnContext.getConversationReference(context.activity);
      await client.conversations.sendToConversation(conversationId, {
        type: 'message',
        text,
        channelData: { externalId: id, agent },
        from: reference.bot,
        recipient: reference.user,
        conversation: reference.conversation,
      });
    });
  }

  /** Sends a file as the agent: a message activity whose attachment has a `contentUrl`. */
  sendFile(
    conversationId: string,
    id: string,
    file: { name: string; contentUrl: string; contentType: string },
    text?: string,
  ) {
    return this.proactive(conversationId, async (context) => {
      const client = context.turnState.get(this.adapter.ConnectorClientKey) as ConnectorLike;
      const reference = TurnContext.getConversationReference(context.activity);
      await client.conversations.sendToConversation(conversationId, {
        type: 'message',
        ...(text ? { text } : {}),
        attachments: [file],
        channelData: { externalId: id },
        from: reference.bot,
        recipient: reference.user,
        conversation: reference.conversation,
      });
    });
  }

  private async proactive(conversationId: string, logic: (context: TurnContext) => Promise<void>) {
    const reference = this.references.get(conversationId);
    if (!reference) throw new Error(`the bot never saw ${conversationId}`);
    // botbuilder routes errors in proactive turns to onTurnError; surface them to the caller.
    const errors = this.turnErrors.length;
    await this.adapter.continueConversationAsync('', reference, logic);
    if (this.turnErrors.length > errors) throw new Error('the connector refused the activity');
  }

  private async turn(context: TurnContext): Promise<void> {
    const activity = context.activity;
    this.references.set(activity.conversation.id, TurnContext.getConversationReference(activity));
    this.activities.push(activity);
    const agent = this.options.autopilot;
    if (activity.type === 'event' && activity.name === 'handoff.initiate') {
      this.initiations.push(activity);
      if (agent) {
        const accepted = EventFactory.createHandoffStatus(activity.conversation, 'accepted');
        accepted.value = { ...accepted.value, agent };
        await context.sendActivity(accepted);
      }
      return;
    }
    if (activity.type === 'message' && agent) {
      if (activity.text === 'bye') {
        await context.sendActivity(
          EventFactory.createHandoffStatus(activity.conversation, 'completed'),
        );
        return;
      }
      await context.sendActivity({ type: 'message', text: `You said: ${activity.text}` });
    }
  }
}

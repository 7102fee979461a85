import type { Activity, ChannelAccount } from '../activity.js';
import type { BotBackend, EmulatorContext } from '../context.js';
import type { Conversation } from '../conversations/conversation.js';
import { DirectLineEmulatorError } from '../errors.js';

/**
 * Channel mode: the emulator is a real bot's Direct Line channel. Client activities are
 * POSTed to the bot's messaging endpoint with a `serviceUrl` pointing back at the emulator,
 * where the bot answers on the Bot Connector API (see `connectorRoutes.ts`).
 */
export class BotChannel implements BotBackend {
  private readonly ctx: () => EmulatorContext;
  private readonly endpoint: string;
  private readonly inFlight = new Set<AbortController>();

  constructor(endpoint: string, ctx: () => EmulatorContext) {
    this.endpoint = endpoint;
    this.ctx = ctx;
  }

  async conversationStarted(conversation: Conversation): Promise<void> {
    const ctx = this.ctx();
    const membersAdded: ChannelAccount[] = [ctx.bot];
    if (conversation.user) membersAdded.push(conversation.user);
    await this.post(conversation, {
      type: 'conversationUpdate',
      id: `${conversation.id}|start`,
      timestamp: new Date().toISOString(),
      channelId: 'directline',
      conversation: { id: conversation.id },
      from: conversation.user ?? { id: 'directline', role: 'user' },
      recipient: ctx.bot,
      membersAdded,
    });
  }

  async activityReceived(conversation: Conversation, activity: Activity): Promise<void> {
    await this.post(conversation, activity);
  }

  async close(): Promise<void> {
    for (const controller of this.inFlight) controller.abort();
    this.inFlight.clear();
  }

  private async post(conversation: Conversation, activity: Activity): Promise<void> {
    const ctx = this.ctx();
    const controller = new AbortController();
    this.inFlight.add(controller);
    const timer = setTimeout(() => controller.abort('timeout'), ctx.options.botTimeoutMs);
    const serviceUrl = `${ctx.baseUrl()}/`;
    const body: Activity = {
      ...activity,
      serviceUrl,
      locale: activity.locale ?? conversation.locale,
    };
    try {
      const response = await fetch(this.endpoint, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
        signal: controller.signal,
      });
      await response.arrayBuffer().catch(() => undefined);
      if (!response.ok) {
        throw new DirectLineEmulatorError('BotError', `The bot answered HTTP ${response.status}.`);
      }
    } catch (cause) {
      if (DirectLineEmulatorError.is(cause)) throw cause;
      if (controller.signal.aborted && controller.signal.reason === 'timeout') {
        throw new DirectLineEmulatorError('BotTimeout', 'The bot did not answer in time.', {
          cause,
        });
      }
      throw new DirectLineEmulatorError('BotError', 'The bot could not be reached.', { cause });
    } finally {
      clearTimeout(timer);
      this.inFlight.delete(controller);
    }
  }
}

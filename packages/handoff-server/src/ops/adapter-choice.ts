import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type BotConnectorHandlerOptions,
  type BotFrameworkHubOptions,
  createBotConnectorHandler,
  createBotFrameworkHubAdapter,
} from '../adapters/botframework-hub';
import type { HandoffAdapter } from '../adapters/contract';
import {
  createWebhookAdapter,
  createWebhookInboundHandler,
  type WebhookAdapterOptions,
  type WebhookInboundOptions,
} from '../adapters/webhook';
import type { AgentDesk } from '../desk/desk';
import type { ConversationStore } from '../storage/contract';

/** Which built-in agent system the server hands conversations to. */
export type AdapterChoice =
  | { kind: 'desk' }
  | { kind: 'webhook'; webhook: WebhookAdapterOptions; inbound: WebhookInboundOptions }
  | {
      kind: 'botframework-hub';
      hub: BotFrameworkHubOptions;
      connector?: BotConnectorHandlerOptions;
    };

/** An HTTP handler the adapter's agent system calls, mounted on the server under `prefix`. */
export interface AdapterRoute {
  /** Path prefix, starting and ending with `/`, e.g. `/api/webhook/`. */
  prefix: string;
  handler: (req: IncomingMessage, res: ServerResponse) => void;
}

export interface MountedAdapter {
  adapter: HandoffAdapter;
  routes: AdapterRoute[];
}

export function isAdapterChoice(value: HandoffAdapter | AdapterChoice): value is AdapterChoice {
  return typeof (value as Partial<HandoffAdapter>).handoff !== 'function';
}

/**
 * Builds the chosen adapter and the HTTP routes its agent system calls back on; refused
 * calls from the agent system are recorded in `audit`.
 */
export function mountAdapter(
  choice: AdapterChoice,
  desk: AgentDesk,
  audit?: Pick<ConversationStore, 'appendAudit'>,
): MountedAdapter {
  switch (choice.kind) {
    case 'desk':
      return { adapter: desk, routes: [] };
    case 'webhook': {
      const adapter = createWebhookAdapter(choice.webhook);
      const handler = createWebhookInboundHandler(adapter, choice.inbound);
      const base = (choice.inbound.basePath ?? '/api/webhook').replace(/\/+$/, '');
      return { adapter, routes: [{ prefix: `${base}/`, handler }] };
    }
    case 'botframework-hub': {
      const adapter = createBotFrameworkHubAdapter(choice.hub);
      const handler = createBotConnectorHandler(adapter, {
        ...choice.connector,
        ...(audit && { audit }),
      });
      const base = new URL(adapter.options.serviceUrl).pathname.replace(/\/+$/, '');
      return { adapter, routes: [{ prefix: `${base}/`, handler }] };
    }
    default: {
      const never: never = choice;
      throw new Error(`unknown adapter ${String((never as { kind?: unknown }).kind)}`);
    }
  }
}

/**
 * Another adapter's conversations stay visible in the agent console: supervisors who open
 * one get the patient's messages, typing and read receipts too (what the desk does for its
 * own agents). Everything else goes to `adapter` unchanged.
 */
export function withWatchingAgents(adapter: HandoffAdapter, desk: AgentDesk): HandoffAdapter {
  return {
    name: adapter.name,
    start: (host) => adapter.start(host),
    handoff: (conversation) => adapter.handoff(conversation),
    async patientMessage(conversationId, message) {
      await desk.patientMessage(conversationId, message);
      await adapter.patientMessage(conversationId, message);
    },
    ...(adapter.patientAttachment
      ? {
          // The desk's watchers get files from the log; only the adapter's system needs this.
          patientAttachment: (conversationId, file) =>
            adapter.patientAttachment!(conversationId, file),
        }
      : {}),
    patientTyping(conversationId, active) {
      desk.patientTyping(conversationId, active);
      adapter.patientTyping?.(conversationId, active);
    },
    patientRead(conversationId, upToSeq) {
      desk.patientRead(conversationId, upToSeq);
      adapter.patientRead?.(conversationId, upToSeq);
    },
    conversationClosed: (conversationId, reason) =>
      adapter.conversationClosed(conversationId, reason),
    async followUp(change) {
      await adapter.followUp?.(change);
    },
    stop: () => adapter.stop(),
  };
}

import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TokenIssuer } from './auth/tokens.js';
import { BotChannel } from './channel/botChannel.js';
import type { BotBackend, EmulatorContext } from './context.js';
import { AttachmentStore } from './conversations/attachments.js';
import { ConversationStore } from './conversations/store.js';
import { FaultInjector } from './faults.js';
import { createRequestListener } from './http/router.js';
import { type DirectLineEmulatorOptions, resolveOptions } from './options.js';
import { HealthBotSimulator } from './simulator/engine.js';
import { loadScenarios } from './simulator/load.js';
import { StreamHub } from './stream/streamHub.js';

export interface DirectLineEmulator {
  /** `http://host:port`; Direct Line lives under `${url}/v3/directline`. */
  url: string;
  /** The Direct Line secret (give it to your token endpoint, never to a browser). */
  secret: string;
  /** `simulator` (Health Bot scenarios) or `channel` (in front of a real bot). */
  mode: 'simulator' | 'channel';
  /** Fault injection for tests. */
  faults: FaultInjector;
  /** Stops listening, closes every stream and connection. */
  close(): Promise<void>;
}

/** Starts a Direct Line 3.0 emulator; resolves once it listens. */
export async function startDirectLineEmulator(
  options: DirectLineEmulatorOptions = {},
): Promise<DirectLineEmulator> {
  const resolved = resolveOptions(options);
  let baseUrl = '';
  let ctx: EmulatorContext | undefined;
  const getCtx = () => ctx!;
  const backend: BotBackend = resolved.bot
    ? new BotChannel(resolved.bot, getCtx)
    : new HealthBotSimulator(loadScenarios(resolved.scenarios), getCtx, resolved.patientTokenKey);
  const attachments = new AttachmentStore(64 * 1024 * 1024);
  const faults = new FaultInjector();
  ctx = {
    options: resolved,
    secret: resolved.secret,
    tokens: new TokenIssuer(resolved.tokenTtlSeconds),
    store: new ConversationStore(
      {
        maxConversations: resolved.maxConversations,
        maxActivitiesPerConversation: resolved.maxActivitiesPerConversation,
      },
      (conversation) => {
        streams.drop(conversation.id);
        attachments.forgetConversation(conversation.id);
      },
    ),
    attachments,
    faults,
    backend,
    bot: { id: resolved.botId, name: resolved.botName, role: 'bot' },
    referenceGrammarId: randomUUID(),
    baseUrl: () => baseUrl,
    emit: (event) => {
      try {
        resolved.onEvent(event);
      } catch {
        // a logging callback must not break the emulator
      }
    },
  };
  const streams = new StreamHub(ctx);
  faults.setStreamDropper((conversationId) => streams.drop(conversationId));

  const server = createServer(createRequestListener(ctx));
  server.on('upgrade', (req, socket, head) => streams.handleUpgrade(req, socket, head));
  server.on('clientError', (_error, socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(resolved.port, resolved.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  baseUrl = `http://${host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host}:${address.port}`;

  let closing: Promise<void> | undefined;
  return {
    url: baseUrl,
    secret: resolved.secret,
    mode: resolved.bot ? 'channel' : 'simulator',
    faults,
    close() {
      closing ??= (async () => {
        await backend.close();
        await streams.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
      })();
      return closing;
    },
  };
}

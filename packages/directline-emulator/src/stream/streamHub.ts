import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import type { Activity } from '../activity.js';
import type { EmulatorContext } from '../context.js';
import type { Conversation } from '../conversations/conversation.js';
import { DirectLineEmulatorError } from '../errors.js';
import { parseWatermark } from '../ids.js';

const streamPath = /^\/v3\/directline\/conversations\/([^/]+)\/stream\/?$/;
/** Close code and reason when a second stream opens for one conversation. */
export const collisionClose = { code: 4001, reason: 'collision' } as const;

interface OpenStream {
  socket: WebSocket;
  conversationId: string;
}

/**
 * The WebSocket side of Direct Line: one stream per conversation, pre-authorised by the
 * ticket in its URL. A stream first replays the stored activities after its watermark, then
 * pushes each new activity as an ActivitySet frame; empty frames keep it alive; a socket
 * that stops answering pings is terminated, so a half-open stream cannot block a reconnect.
 */
export class StreamHub {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  private readonly open = new Map<string, OpenStream>();
  private readonly ctx: EmulatorContext;

  constructor(ctx: EmulatorContext) {
    this.ctx = ctx;
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    this.authorize(req).then(
      ({ conversation, watermark }) => {
        this.wss.handleUpgrade(req, socket, head, (ws) => this.attach(conversation, ws, watermark));
      },
      (error: unknown) => {
        const known = DirectLineEmulatorError.is(error)
          ? error
          : new DirectLineEmulatorError('ServiceError', 'Stream failed.');
        const body = JSON.stringify(known.toBody());
        socket.end(
          `HTTP/1.1 ${known.status} ${known.code}\r\nContent-Type: application/json\r\n` +
            `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
        );
      },
    );
  }

  /** Terminates open streams (all, or one conversation's) as a network drop would. */
  drop(conversationId?: string): number {
    let dropped = 0;
    for (const stream of [...this.open.values()]) {
      if (conversationId !== undefined && stream.conversationId !== conversationId) continue;
      stream.socket.terminate();
      dropped += 1;
    }
    return dropped;
  }

  async close(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    this.open.clear();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private async authorize(req: IncomingMessage) {
    const url = new URL(req.url ?? '/', 'http://emulator.invalid');
    const path = streamPath.exec(url.pathname);
    if (!path) throw new DirectLineEmulatorError('NotFound', 'No such stream.');
    const conversationId = decodeURIComponent(path[1]!);
    const ticket = url.searchParams.get('t');
    if (!ticket) throw new DirectLineEmulatorError('Unauthorized', 'The stream URL has no ticket.');
    const ticketConversation = await this.ctx.tokens.verifyStreamTicket(ticket);
    if (ticketConversation !== conversationId) {
      throw new DirectLineEmulatorError('Forbidden', 'The ticket is for another conversation.');
    }
    const conversation = this.ctx.store.get(conversationId);
    if (!conversation) throw new DirectLineEmulatorError('NotFound', 'Conversation not found.');
    const watermark = parseWatermark(url.searchParams.get('watermark'));
    if (Number.isNaN(watermark)) throw new DirectLineEmulatorError('BadArgument', 'Bad watermark.');
    return { conversation, watermark: watermark ?? 0 };
  }

  private attach(conversation: Conversation, socket: WebSocket, watermark: number): void {
    const existing = this.open.get(conversation.id);
    if (existing) {
      this.ctx.emit({ type: 'stream.collision', conversationId: conversation.id });
      if (this.ctx.options.streamCollision === 'close-new') {
        socket.close(collisionClose.code, collisionClose.reason);
        return;
      }
      existing.socket.close(collisionClose.code, collisionClose.reason);
    }
    const stream: OpenStream = { socket, conversationId: conversation.id };
    this.open.set(conversation.id, stream);
    this.ctx.emit({ type: 'stream.opened', conversationId: conversation.id });

    const send = (activities: Activity[], mark: string | undefined) => {
      if (socket.readyState !== socket.OPEN) return;
      socket.send(
        JSON.stringify(mark === undefined ? { activities } : { activities, watermark: mark }),
      );
    };
    // Replay and subscribe in one synchronous step, so nothing falls between them.
    const backlog = conversation.since(watermark);
    if (backlog.length > 0) send(backlog, conversation.watermark);
    const unsubscribe = conversation.subscribe((activity, mark) => send([activity], mark));

    let alive = true;
    socket.on('pong', () => {
      alive = true;
    });
    const keepAlive = setInterval(() => {
      if (!alive) {
        socket.terminate();
        return;
      }
      alive = false;
      if (socket.readyState !== socket.OPEN) return;
      socket.ping();
      socket.send('');
    }, this.ctx.options.keepAliveMs);
    keepAlive.unref();

    // Frames from the client (its empty pings) carry nothing to act on.
    socket.on('message', () => {});
    socket.on('error', () => socket.terminate());
    socket.on('close', (code) => {
      clearInterval(keepAlive);
      unsubscribe();
      if (this.open.get(conversation.id) === stream) this.open.delete(conversation.id);
      this.ctx.emit({ type: 'stream.closed', conversationId: conversation.id, code });
    });
  }
}

import { BatonProtocolError, errorMessageFrom, type ParseResult } from '@baton/handoff-protocol';
import type { Socket } from 'socket.io';
import { errorCode } from '../engine/core';
import type { EngineLogger } from '../engine/types';
import { frameTurns } from './frame-turns';
import { type RateLimit, TokenBucket } from './rate-limit';
import { FRAME_EVENT } from './rooms';

interface FrameContext {
  id?: string;
  conversationId?: string;
  clientMessageId?: string;
}

function contextOf(frame: unknown): FrameContext {
  if (typeof frame !== 'object' || frame === null) return {};
  const { id, conversationId, clientMessageId } = frame as Record<string, unknown>;
  const pick = (value: unknown) =>
    typeof value === 'string' && /^[\x21-\x7e]{1,128}$/.test(value) ? value : undefined;
  const context: FrameContext = {};
  const readId = pick(id);
  const readConversation = pick(conversationId);
  const readClient = pick(clientMessageId);
  if (readId) context.id = readId;
  if (readConversation) context.conversationId = readConversation;
  if (readClient) context.clientMessageId = readClient;
  return context;
}

/**
 * Reads one socket's frames: token-bucket rate limit, protocol parsing, then the handler,
 * one frame at a time in arrival order. Whatever goes wrong is answered with a typed `error`
 * frame; nothing a client sends can throw out of here.
 */
export function serveFrames<T>(options: {
  socket: Socket;
  parse: (input: unknown) => ParseResult<T>;
  handle: (frame: T) => Promise<void>;
  rateLimit: RateLimit;
  logger: EngineLogger;
  namespace: string;
  onError?: (code: string) => void;
}): void {
  const { socket, parse, handle, logger } = options;
  const bucket = new TokenBucket(options.rateLimit);
  let chain: Promise<void> = Promise.resolve();

  const reply = (error: unknown, raw: unknown) => {
    const context = contextOf(raw);
    const protocolError = BatonProtocolError.is(error)
      ? error
      : new BatonProtocolError('internal', 'Something went wrong on the server; try again');
    if (!BatonProtocolError.is(error)) {
      logger.error(
        { namespace: options.namespace, socketId: socket.id, err: errorCode(error) },
        'frame handler failed',
      );
    }
    options.onError?.(protocolError.code);
    socket.emit(
      FRAME_EVENT,
      errorMessageFrom(protocolError, {
        ...(context.id ? { inReplyTo: context.id } : {}),
        ...(context.conversationId ? { conversationId: context.conversationId } : {}),
        ...(context.clientMessageId ? { clientMessageId: context.clientMessageId } : {}),
      }),
    );
  };

  socket.on(FRAME_EVENT, (raw: unknown, ...rest: unknown[]) => {
    const callback = rest.find((x): x is () => void => typeof x === 'function');
    callback?.();
    if (!bucket.take()) {
      reply(new BatonProtocolError('rate_limited', 'Too many frames; slow down and retry'), raw);
      return;
    }
    // Parsed and handled in turns (see FrameTurns), in order per socket.
    chain = chain.then(async () => {
      await frameTurns.next();
      const parsed = parse(raw);
      if (!parsed.ok) {
        reply(parsed.error, raw);
        return;
      }
      await handle(parsed.message).catch((error: unknown) => reply(error, parsed.message));
    });
  });

  // Any other event name is not part of the protocol.
  socket.onAny((event: unknown, raw: unknown) => {
    if (event === FRAME_EVENT) return;
    reply(
      new BatonProtocolError(
        'unknown_type',
        `Unknown event; send protocol frames on "${FRAME_EVENT}"`,
      ),
      raw,
    );
  });
}

import { BatonProtocolError, errorMessageFrom, type ParseResult } from '@baton/handoff-protocol';
import type { Socket } from 'socket.io';
import { errorCode } from '../engine/core';
import { retryable } from '../engine/errors';
import type { EngineLogger } from '../engine/types';
import type { SubjectBudgets } from './fair-use';
import { boundUnsent } from './fair-use';
import { frameTurns } from './frame-turns';
import { FRAME_EVENT } from './rooms';

/**
 * Frames one socket may have waiting for their turn; more are refused at once. The budget per
 * identity normally keeps the line far shorter; this bounds it when the budget is lifted.
 */
const MAX_WAITING_FRAMES = 256;

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
 * Reads one socket's frames: the subject's shared token bucket (every
 * inbound event counts, whatever its name), protocol parsing, then the handler, one frame at
 * a time in arrival order. Whatever goes wrong is answered with a typed `error` frame;
 * nothing a client sends can throw out of here. A connection that does not read what it is
 * sent, or keeps sending past its budget, is closed.
 */
export function serveFrames<T>(options: {
  socket: Socket;
  /** The token subject: all sockets of one patient or staff member share one budget. */
  subject: string;
  budgets: SubjectBudgets;
  parse: (input: unknown) => ParseResult<T>;
  handle: (frame: T) => Promise<void>;
  logger: EngineLogger;
  namespace: string;
  onError?: (code: string) => void;
  /** Why a connection was closed for fair use. */
  onFairUse?: (reason: 'unsent' | 'flood') => void;
}): void {
  const { socket, parse, handle, logger, budgets, subject } = options;
  const limits = budgets.limits;
  let chain: Promise<void> = Promise.resolve();
  let refusedInARow = 0;
  /** Frames of this socket accepted but not handled yet. */
  let waiting = 0;
  socket.join(budgets.roomOf(subject));

  const reply = (thrown: unknown, raw: unknown) => {
    // A database outage on any path (desk views, worklist, handshake reads) is retryable.
    const error = retryable(thrown);
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

  boundUnsent(socket, limits.maxUnsentPackets, () => {
    options.onFairUse?.('unsent');
    logger.warn({ namespace: options.namespace }, 'connection closed: not reading its frames');
  });

  /** One event from the subject's budget; past it, `rate_limited`, and a flood is closed. */
  const withinBudget = (raw: unknown): boolean => {
    if (!socket.connected) return false; // closed: what is still queued is dropped
    if (budgets.take(subject)) {
      refusedInARow = 0;
      return true;
    }
    refusedInARow += 1;
    if (refusedInARow > limits.maxRefusedInARow) {
      options.onFairUse?.('flood');
      logger.warn({ namespace: options.namespace }, 'connection closed: sending past its budget');
      budgets.penalize(subject);
      // Every socket of the subject goes (on every node, through the adapter), not only this one.
      socket.nsp.in(budgets.roomOf(subject)).disconnectSockets(true);
      socket.disconnect(true);
      return false;
    }
    reply(new BatonProtocolError('rate_limited', 'Too many frames; slow down and retry'), raw);
    return false;
  };

  socket.on(FRAME_EVENT, (raw: unknown, ...rest: unknown[]) => {
    const callback = rest.find((x): x is () => void => typeof x === 'function');
    callback?.();
    if (!withinBudget(raw)) return;
    // A bounded line per socket: past it, refused at once (memory stays flat under a flood,
    // and the refusals count towards backpressure like any answer).
    if (waiting >= MAX_WAITING_FRAMES) {
      reply(new BatonProtocolError('rate_limited', 'Too many frames waiting; slow down'), raw);
      return;
    }
    waiting += 1;
    // Parsed and handled in turns (see FrameTurns), in order per socket.
    chain = chain.then(async () => {
      try {
        await frameTurns.next();
        const parsed = parse(raw);
        if (!parsed.ok) {
          reply(parsed.error, raw);
          return;
        }
        await handle(parsed.message).catch((error: unknown) => reply(error, parsed.message));
      } finally {
        waiting -= 1;
      }
    });
  });

  // Any other event name is not part of the protocol: counted, then refused.
  socket.onAny((event: unknown, raw: unknown) => {
    if (event === FRAME_EVENT) return;
    if (!withinBudget(raw)) return;
    reply(
      new BatonProtocolError(
        'unknown_type',
        `Unknown event; send protocol frames on "${FRAME_EVENT}"`,
      ),
      raw,
    );
  });
}

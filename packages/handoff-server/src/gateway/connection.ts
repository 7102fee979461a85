import { BatonProtocolError, errorMessageFrom, type ParseResult } from '@baton/handoff-protocol';
import type { Socket } from 'socket.io';
import { errorCode } from '../engine/core';
import { retryable } from '../engine/errors';
import type { EngineLogger } from '../engine/types';
import type { SubjectBudgets } from './fair-use';
import { unsentBound } from './fair-use';
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

/** One socket's line of frames, made when its first frame arrives (idle sockets have none). */
const LINE = Symbol('frame line');
interface FrameLine {
  chain: Promise<void>;
  /** Frames accepted but not handled yet. */
  waiting: number;
  refusedInARow: number;
}

export interface FrameServerOptions<T> {
  /** The token subject: all sockets of one patient or staff member share one budget. */
  subjectOf: (socket: Socket) => string;
  budgets: SubjectBudgets;
  parse: (input: unknown) => ParseResult<T>;
  handle: (socket: Socket, frame: T) => Promise<void>;
  logger: EngineLogger;
  namespace: string;
  onError?: (code: string) => void;
  /** Why a connection was closed for fair use. */
  onFairUse?: (reason: 'unsent' | 'flood') => void;
}

/**
 * Reads the frames of a namespace's sockets: the subject's shared token bucket (every
 * inbound event counts, whatever its name), protocol parsing, then the handler, one frame at
 * a time per socket in arrival order. Whatever goes wrong is answered with a typed `error`
 * frame; nothing a client sends can throw out of here. A connection that does not read what
 * it is sent, or keeps sending past its budget, is closed.
 *
 * Built once per namespace: every socket shares the same listener functions (called with the
 * socket as `this`), and a socket's line of frames is made when its first frame arrives, so
 * an idle connection costs one listener entry, not a set of closures (issue #11).
 */
export function frameServer<T>(options: FrameServerOptions<T>): (socket: Socket) => void {
  const { parse, handle, logger, budgets, subjectOf } = options;
  const limits = budgets.limits;

  const reply = (socket: Socket, thrown: unknown, raw: unknown) => {
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

  const closeUnread = unsentBound(limits.maxUnsentPackets, () => {
    options.onFairUse?.('unsent');
    logger.warn({ namespace: options.namespace }, 'connection closed: not reading its frames');
  });

  /** One event from the subject's budget; past it, `rate_limited`, and a flood is closed. */
  const withinBudget = (socket: Socket, line: FrameLine, raw: unknown): boolean => {
    if (!socket.connected) return false; // closed: what is still queued is dropped
    const subject = subjectOf(socket);
    if (budgets.take(subject)) {
      line.refusedInARow = 0;
      return true;
    }
    line.refusedInARow += 1;
    if (line.refusedInARow > limits.maxRefusedInARow) {
      options.onFairUse?.('flood');
      logger.warn({ namespace: options.namespace }, 'connection closed: sending past its budget');
      budgets.penalize(subject);
      // Every socket of the subject goes (on every node), not only this one.
      socket.disconnect(true);
      budgets.closeAll(subject);
      return false;
    }
    reply(
      socket,
      new BatonProtocolError('rate_limited', 'Too many frames; slow down and retry'),
      raw,
    );
    return false;
  };

  const take = async (socket: Socket, line: FrameLine, raw: unknown): Promise<void> => {
    try {
      await frameTurns.next();
      const parsed = parse(raw);
      if (!parsed.ok) {
        reply(socket, parsed.error, raw);
        return;
      }
      await handle(socket, parsed.message).catch((error: unknown) =>
        reply(socket, error, parsed.message),
      );
    } finally {
      line.waiting -= 1;
    }
  };

  /** Every inbound event, whatever its name (socket.io calls it with the socket as `this`). */
  function onEvent(this: Socket, event: unknown, raw: unknown, ...rest: unknown[]): void {
    const data = this.data as { [LINE]?: FrameLine };
    data[LINE] ??= { chain: Promise.resolve(), waiting: 0, refusedInARow: 0 };
    const line = data[LINE];
    if (event !== FRAME_EVENT) {
      // Any other event name is not part of the protocol: counted, then refused.
      if (!withinBudget(this, line, raw)) return;
      reply(
        this,
        new BatonProtocolError(
          'unknown_type',
          `Unknown event; send protocol frames on "${FRAME_EVENT}"`,
        ),
        raw,
      );
      return;
    }
    const callback = rest.find((x): x is () => void => typeof x === 'function');
    callback?.();
    if (!withinBudget(this, line, raw)) return;
    // A bounded line per socket: past it, refused at once (memory stays flat under a flood,
    // and the refusals count towards backpressure like any answer).
    if (line.waiting >= MAX_WAITING_FRAMES) {
      reply(
        this,
        new BatonProtocolError('rate_limited', 'Too many frames waiting; slow down'),
        raw,
      );
      return;
    }
    line.waiting += 1;
    // Parsed and handled in turns (see FrameTurns), in order per socket.
    line.chain = line.chain.then(() => take(this, line, raw));
  }

  return (socket) => {
    closeUnread(socket);
    socket.onAny(onEvent);
  };
}

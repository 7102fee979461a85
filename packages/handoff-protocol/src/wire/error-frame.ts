import { PROTOCOL_VERSION } from '../domain/primitives';
import { ERROR_CODES } from '../errors/codes';
import { BatonProtocolError } from '../errors/error';
import type { ErrorMessage } from '../messages/envelope';
import { createId } from './build';

const MAX_WIRE_ISSUES = 20;
const MAX_WIRE_TEXT = 300;

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * The `error` frame for a protocol error. Replies to the refused frame (`inReplyTo`,
 * `clientMessageId`, `conversationId`) when the error could read them.
 */
export function errorMessageFrom(
  error: BatonProtocolError,
  context: { conversationId?: string; inReplyTo?: string; clientMessageId?: string } = {},
): ErrorMessage {
  const frame = error.details.frame ?? {};
  const conversationId = context.conversationId ?? frame.conversationId;
  const inReplyTo = context.inReplyTo ?? frame.id;
  const clientMessageId = context.clientMessageId ?? frame.clientMessageId;
  const issues = error.details.issues?.slice(0, MAX_WIRE_ISSUES).map((issue) => ({
    path: clip(issue.path, MAX_WIRE_TEXT),
    message: clip(issue.message, MAX_WIRE_TEXT),
  }));
  return {
    v: PROTOCOL_VERSION,
    type: 'error',
    id: createId(),
    ts: new Date().toISOString(),
    ...(conversationId ? { conversationId } : {}),
    code: error.code,
    message: clip(error.message, 1000),
    retryable: ERROR_CODES[error.code].retryable,
    ...(inReplyTo ? { inReplyTo } : {}),
    ...(clientMessageId ? { clientMessageId } : {}),
    ...(issues && issues.length > 0 ? { issues } : {}),
  };
}

/** A received `error` frame as a `BatonProtocolError` (for rejecting a pending send). */
export function errorFromMessage(message: ErrorMessage): BatonProtocolError {
  return new BatonProtocolError(message.code, message.message, {
    details: {
      ...(message.issues ? { issues: message.issues } : {}),
      frame: {
        id: message.inReplyTo,
        conversationId: message.conversationId,
        clientMessageId: message.clientMessageId,
      },
    },
  });
}

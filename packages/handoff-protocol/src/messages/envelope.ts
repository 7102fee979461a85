import * as z from 'zod/mini';
import { Id, PROTOCOL_VERSION, Timestamp } from '../domain/primitives';
import { ERROR_CODE_LIST } from '../errors/codes';

/**
 * Every frame is an envelope `{ v, type, id, ts, ... }`; conversation-scoped frames add
 * `conversationId`, and frames from the conversation log carry the server's `seq`.
 */
export const Version = z.literal(PROTOCOL_VERSION);

/** The client's id for a command that changes the conversation log; retries reuse it. */
export const ClientMessageId = Id;

/** A frame that concerns one conversation. */
export function conversationMessage<T extends string, S extends z.core.$ZodLooseShape>(
  type: T,
  shape: S,
) {
  return z.object({
    v: Version,
    type: z.literal(type),
    id: Id,
    conversationId: Id,
    ts: Timestamp,
    ...shape,
  });
}

/** A frame about the connection or the agent's session rather than one conversation. */
export function sessionMessage<T extends string, S extends z.core.$ZodLooseShape>(
  type: T,
  shape: S,
) {
  return z.object({ v: Version, type: z.literal(type), id: Id, ts: Timestamp, ...shape });
}

/** The closed error-code set as a schema. */
export const WireErrorCode = z.enum(ERROR_CODE_LIST);

export const WireIssue = z.object({
  path: z.string().check(z.maxLength(300)),
  message: z.string().check(z.maxLength(300)),
});
export type WireIssue = z.infer<typeof WireIssue>;

/** `error`, the same shape towards patients and agents. */
export const ErrorMessage = sessionMessage('error', {
  conversationId: z.optional(Id),
  code: WireErrorCode,
  message: z.string().check(z.maxLength(1000)),
  retryable: z.boolean(),
  /** Envelope `id` of the frame that caused the error, when it could be read. */
  inReplyTo: z.optional(Id),
  /** The command that failed, when it had one. */
  clientMessageId: z.optional(ClientMessageId),
  issues: z.optional(z.array(WireIssue).check(z.maxLength(20))),
});
export type ErrorMessage = z.infer<typeof ErrorMessage>;

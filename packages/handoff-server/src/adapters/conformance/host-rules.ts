import {
  AgentInfo,
  type ConversationEvent,
  type ConversationState,
  FallbackOption,
  HandoffFailureReason,
  Id,
  MessageText,
  QueueName,
  TextFormat,
  transition,
} from '@baton/handoff-protocol';
import * as z from 'zod';
import { HandoffServerError } from '../../internal/errors';
import type { AdapterAgentMessage, AdapterCloseReason } from '../contract';

/** Which host method an adapter called. */
export type HostReportKind =
  | 'queued'
  | 'agentJoined'
  | 'agentMessage'
  | 'agentTyping'
  | 'agentRead'
  | 'ended'
  | 'failed'
  | 'returnToBot'
  | 'transferred'
  | 'agentAttachment';

/**
 * One call an adapter made, and what the host did with it: `applied`, `duplicate` (an
 * `agentMessage` whose `externalId` was already committed), `ignored` (an ephemeral signal
 * that is not meaningful now) or `rejected` (illegal or invalid: the engine would refuse it).
 */
export interface HostReport {
  conversationId: string;
  kind: HostReportKind;
  detail: unknown;
  outcome: 'applied' | 'duplicate' | 'ignored' | 'rejected';
  error?: HandoffServerError;
}

export interface CommittedAgentMessage extends AdapterAgentMessage {
  seq: number;
}

/** A file the agent system sent (`agentAttachment`), as the host committed it. */
export interface CommittedAgentFile {
  externalId: string;
  name: string;
  size: number;
  seq: number;
}

export interface HostLogEntry {
  level: 'debug' | 'info' | 'warn' | 'error';
  fields: Record<string, unknown>;
  msg: string;
}

/** What the host knows of one conversation. */
export interface HostConversation {
  state: ConversationState;
  closedBy: AdapterCloseReason | null;
  agent: AgentInfo | null;
  lastSeq: number;
  messages: CommittedAgentMessage[];
}

export const AgentMessageInput = z.object({
  externalId: Id,
  text: MessageText,
  textFormat: z.optional(TextFormat),
  agent: z.optional(AgentInfo),
});
export const TransferInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('agent'), agent: AgentInfo, note: z.optional(z.string()) }),
  z.object({ kind: z.literal('queue'), queue: QueueName }),
]);
export const FailureInput = z.object({
  reason: HandoffFailureReason,
  fallbacks: z.optional(z.array(FallbackOption)),
});

/** One step of the protocol state machine, or `illegal_transition`. */
export function move(record: HostConversation, event: ConversationEvent): void {
  const result = transition(record.state, event);
  if (!result.ok) {
    throw new HandoffServerError('illegal_transition', result.error.message, {
      cause: result.error,
    });
  }
  record.state = result.to;
}

/** The input, checked with a protocol schema, or `invalid_report`. */
export function parse<T>(schema: z.core.$ZodType<T>, value: unknown): T {
  const result = z.safeParse(schema, value);
  if (!result.success) {
    throw new HandoffServerError('invalid_report', 'The report failed validation.', {
      cause: result.error,
    });
  }
  return result.data;
}

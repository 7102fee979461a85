import {
  AgentInfo,
  BatonProtocolError,
  EndReason,
  FallbackOption,
  HandoffFailureReason,
  MESSAGE_LIMITS,
  MessageText,
  QueueName,
  QueueStatus,
  serverToPatientMessage,
  TextFormat,
} from '@baton/handoff-protocol';
import * as z from 'zod/mini';
import type { AdapterHost, AdapterLogger } from '../adapters/contract';
import { acceptAgentSystemFile } from '../attachments/agent-system-files';
import { type AttachmentSettings, DEFAULT_ATTACHMENT_SETTINGS } from '../attachments/settings';
import { HandoffServerError } from '../internal/errors';
import type { ConversationRecord, MessageRecord } from '../storage/records';
import type { EngineCore } from './core';
import type { ConversationLifecycle } from './lifecycle';
import { logKey, newLogRecord, readBody } from './log-record';

const AgentMessageReport = z.object({
  externalId: z.string().check(z.minLength(1), z.maxLength(200)),
  text: MessageText,
  textFormat: z.optional(TextFormat),
  agent: z.optional(AgentInfo),
});
const TransferReport = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('agent'),
    agent: AgentInfo,
    note: z.optional(z.string().check(z.minLength(1), z.maxLength(MESSAGE_LIMITS.maxNoteLength))),
  }),
  z.object({ kind: z.literal('queue'), queue: QueueName }),
]);
const FailureReport = z.object({
  reason: HandoffFailureReason,
  fallbacks: z.optional(z.array(FallbackOption).check(z.maxLength(3))),
});

function valid<S extends z.ZodMiniType>(schema: S, value: unknown, what: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new HandoffServerError('invalid_report', `invalid ${what}`);
  return parsed.data;
}

function illegal(state: string, report: string): HandoffServerError {
  return new HandoffServerError(
    'illegal_transition',
    `"${report}" is not legal in state "${state}"`,
  );
}

/**
 * The engine as an adapter sees it: every report is validated, checked against the state
 * machine and applied under the conversation's lock. Illegal reports reject with a
 * `HandoffServerError` and change nothing.
 */
export function createAdapterHost(
  core: EngineCore,
  lifecycle: ConversationLifecycle,
  log: AdapterLogger,
  /** The server's file limits (files from the agent system, `agentAttachment`). */
  files: () => AttachmentSettings = () => DEFAULT_ATTACHMENT_SETTINGS,
): AdapterHost {
  async function locked<T>(
    conversationId: string,
    task: (conversation: ConversationRecord) => Promise<T>,
  ): Promise<T> {
    try {
      return await core.run(conversationId, async () => {
        const conversation = await core.store.getConversation(conversationId);
        if (!conversation) throw new HandoffServerError('not_found', 'unknown conversation');
        return task(conversation);
      });
    } catch (error) {
      if (BatonProtocolError.is(error)) {
        if (error.code === 'unavailable')
          throw new HandoffServerError('shutting_down', undefined, { cause: error });
        throw new HandoffServerError('illegal_transition', error.message, { cause: error });
      }
      throw error;
    }
  }

  return {
    log,

    async queued(conversationId, status) {
      const queue = valid(QueueStatus, status, 'queue status');
      return locked(conversationId, async (conversation) => {
        if (conversation.state !== 'handoff_requested' && conversation.state !== 'queued') {
          throw illegal(conversation.state, 'queued');
        }
        await lifecycle.enqueue(conversation, queue.queue, conversation.priority);
        core.delivery.toPatient(
          conversationId,
          serverToPatientMessage('handoff.queued', {
            conversationId,
            queue,
          }),
        );
      });
    },

    async agentJoined(conversationId, agentInput) {
      const agent = valid(AgentInfo, agentInput, 'agent');
      return locked(conversationId, async (conversation) => {
        if (conversation.state === 'assigned' && conversation.assignedAgentId === agent.id) return;
        if (conversation.state !== 'handoff_requested' && conversation.state !== 'queued') {
          throw illegal(conversation.state, 'agentJoined');
        }
        const change = await core.store.updateState(conversationId, {
          expected: conversation.state,
          next: 'assigned',
          assignedAgentId: agent.id,
        });
        if (!change.ok) throw illegal(change.current?.state ?? 'missing', 'agentJoined');
        await lifecycle.joined(conversation, change.conversation, agent, 'assign');
      });
    },

    async agentMessage(conversationId, input) {
      const message = valid(AgentMessageReport, input, 'agent message');
      const key = logKey('adapter', message.externalId);
      return locked(conversationId, async (conversation) => {
        if (conversation.state !== 'assigned') {
          const earlier = await core.findByKey(conversationId, key);
          if (earlier) return { seq: sameExternalText(earlier, message.text).seq };
          throw illegal(conversation.state, 'agentMessage');
        }
        const agent =
          message.agent ??
          (conversation.assignedAgentId
            ? await core.agentInfo(conversation.assignedAgentId)
            : undefined);
        const record = await core.append(
          conversationId,
          newLogRecord(key, 'agent', agent?.id ?? core.adapter.name, {
            kind: 'chat',
            text: message.text,
            ...(message.textFormat ? { textFormat: message.textFormat } : {}),
            ...(agent ? { agent } : {}),
          }),
        );
        if (!record.duplicate) core.metrics?.messageAcked('adapter');
        else sameExternalText(record, message.text);
        return { seq: record.seq };
      });
    },

    agentAttachment(conversationId, file) {
      return locked(conversationId, () =>
        acceptAgentSystemFile(core, files(), conversationId, file),
      );
    },

    agentTyping(conversationId, active) {
      core.delivery.toPatient(
        conversationId,
        serverToPatientMessage('typing', {
          conversationId,
          from: 'agent',
          active: active === true,
        }),
      );
    },

    agentRead(conversationId, upToSeq) {
      if (!Number.isInteger(upToSeq) || upToSeq < 0) return;
      // Kept with the conversation first: the patient's widget reloaded after she saw it
      // shows it again.
      void core
        .markRead(conversationId, 'agent', upToSeq)
        .then(() =>
          core.delivery.toPatient(
            conversationId,
            serverToPatientMessage('read', { conversationId, by: 'agent', upToSeq }),
          ),
        );
    },

    async ended(conversationId, reasonInput) {
      const reason = valid(EndReason, reasonInput, 'end reason');
      return locked(conversationId, async (conversation) => {
        if (conversation.state === 'ended') return;
        if (conversation.state !== 'assigned') throw illegal(conversation.state, 'ended');
        await lifecycle.end(conversation, 'agent', reason, 'ended-by-agent');
      });
    },

    async failed(conversationId, input) {
      const failure = valid(FailureReport, input, 'failure');
      return locked(conversationId, async (conversation) => {
        if (conversation.state === 'failed') return;
        if (!['handoff_requested', 'queued', 'assigned'].includes(conversation.state)) {
          throw illegal(conversation.state, 'failed');
        }
        await lifecycle.fail(conversation, failure.reason, failure.fallbacks);
      });
    },

    async transferred(conversationId, input) {
      const to = valid(TransferReport, input, 'transfer');
      return locked(conversationId, async (conversation) => {
        const holder = conversation.assignedAgentId;
        if (conversation.state !== 'assigned' || !holder) {
          throw illegal(conversation.state, 'transferred');
        }
        if (to.kind === 'agent' && to.agent.id === holder) throw illegal('assigned', 'transferred');
        const change = await core.store.transferConversation(
          conversationId,
          holder,
          to.kind === 'agent' ? { agentId: to.agent.id } : { queue: to.queue },
        );
        if (!change.ok) throw illegal(change.current?.state ?? 'missing', 'transferred');
        if (to.kind === 'agent') {
          const from = await core.agentInfo(holder);
          await lifecycle.joined(conversation, change.conversation, to.agent, 'transfer_to_agent', {
            from,
            ...(to.note ? { note: to.note } : {}),
          });
          return;
        }
        core.changed(conversation, change.conversation, 'transfer_to_queue');
        core.delivery.leaveAgent(holder, conversationId);
        await core.appendEvent(conversationId, { type: 'queued', queue: to.queue });
        core.timers.arm('queue', conversationId, core.timeouts.queueTimeoutMs);
      });
    },

    async returnToBot(conversationId) {
      return locked(conversationId, async (conversation) => {
        if (conversation.state === 'returned_to_bot') return;
        if (!['handoff_requested', 'queued', 'assigned'].includes(conversation.state)) {
          throw illegal(conversation.state, 'returnToBot');
        }
        await lifecycle.returnToBot(conversation);
      });
    },
  };
}

/** An `externalId` reported again carries the same text; other text is a `conflict`. */
function sameExternalText<R extends MessageRecord>(record: R, text: string): R {
  const body = readBody(record);
  if (body.kind === 'chat' && body.text !== text)
    throw new HandoffServerError('conflict', 'externalId already used for a different message');
  return record;
}

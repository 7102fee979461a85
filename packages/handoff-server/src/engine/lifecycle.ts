import type {
  AgentInfo,
  EndedBy,
  EndReason,
  FallbackOption,
  HandoffFailureReason,
  Priority,
  ServerToAgent,
} from '@baton/handoff-protocol';
import { serverToAgentMessage } from '@baton/handoff-protocol';
import type { AdapterCloseReason } from '../adapters/contract';
import type { ConversationRecord } from '../storage/records';
import { type EngineCore, errorCode } from './core';
import { refuse } from './refusals';

/**
 * State changes shared by patient commands, agent commands, adapter reports and timers.
 * Every method expects the conversation's lock to be held and `conversation` fresh from the
 * store; each commits the transition, then logs the event patients and agents see.
 */
export class ConversationLifecycle {
  readonly #core: EngineCore;

  constructor(core: EngineCore) {
    this.#core = core;
  }

  async enqueue(conversation: ConversationRecord, queue: string, priority: Priority) {
    const core = this.#core;
    if (conversation.state === 'queued' && conversation.queue === queue) return conversation;
    const change = await core.store.enqueue(conversation.id, {
      queue,
      priority,
      expected: ['handoff_requested', 'queued'],
    });
    if (!change.ok) throw refuse.illegal(conversation.state, 'enqueue');
    core.changed(conversation, change.conversation, 'enqueue');
    core.timers.armIfAbsent('queue', conversation.id, core.timeouts.queueTimeoutMs);
    if (conversation.state !== 'queued' && core.hooks.staffing) {
      // A closed queue offers the fallback at once; without agents, wait the delay (an agent
      // reloading her page is back before it fires).
      const staffing = await core.hooks.staffing(change.conversation);
      const delay = staffing.open ? core.timeouts.unstaffedFallbackMs : 0;
      core.timers.arm('unstaffed', conversation.id, delay);
    }
    return change.conversation;
  }

  /** Records that `agent` holds the conversation now and tells everyone. */
  async joined(
    before: ConversationRecord,
    after: ConversationRecord,
    agent: AgentInfo,
    event: string,
    transfer?: { from: AgentInfo; note?: string },
  ) {
    const core = this.#core;
    core.timers.clear('queue', after.id);
    core.timers.clear('unstaffed', after.id);
    const record = await core.appendEvent(after.id, {
      type: 'agent.joined',
      agent,
      ...(transfer ? { transferredFrom: transfer.from } : {}),
    });
    core.changed(before, after, event, record.seq, agent);
    if (transfer && before.assignedAgentId)
      core.delivery.leaveAgent(before.assignedAgentId, after.id);
    core.delivery.joinAgent(agent.id, after.id);
    const request = await core.fullRequest(after.id);
    if (request) {
      const assigned: ServerToAgent = serverToAgentMessage('conversation.assigned', {
        conversationId: after.id,
        seq: record.seq,
        agent,
        request,
        ...(transfer ? { transferredFrom: transfer.from } : {}),
        ...(transfer?.note ? { transferNote: transfer.note } : {}),
      });
      core.delivery.toAgent(agent.id, assigned);
    }
    if (before.state === 'queued' && before.queue) await this.#measureWait(before, after);
    if (before.state !== 'assigned') {
      const waited = (Date.parse(after.updatedAt) - Date.parse(before.createdAt)) / 1000;
      if (Number.isFinite(waited) && waited >= 0) core.metrics?.handoffVisible(waited);
    }
    return record;
  }

  /** One measured wait (queue entry to claim) for the queue's estimates, on every node. */
  async #measureWait(before: ConversationRecord, after: ConversationRecord) {
    const waitedMs = Date.parse(after.updatedAt) - Date.parse(before.updatedAt);
    if (!Number.isFinite(waitedMs) || waitedMs < 0 || !before.queue) return;
    try {
      await this.#core.store.recordQueueWait({
        queue: before.queue,
        conversationId: after.id,
        waitedMs,
        claimedAt: after.updatedAt,
      });
    } catch (error) {
      this.#core.logger.warn(
        { conversationId: after.id, err: errorCode(error) },
        'wait not measured',
      );
    }
  }

  async fail(
    conversation: ConversationRecord,
    reason: HandoffFailureReason,
    fallbacks?: readonly FallbackOption[],
    notice?: string,
  ) {
    const next = await this.#core.transition(conversation, 'fail');
    await this.#core.appendEvent(conversation.id, {
      type: 'handoff.failed',
      reason,
      fallbacks: offered(conversation, fallbacks ?? this.#core.fallbacks),
      ...(notice ? { notice: notice.slice(0, 1000) } : {}),
    });
    this.#core.finish(next, 'failed');
    return next;
  }

  async expire(conversation: ConversationRecord) {
    const next = await this.#core.transition(conversation, 'expire');
    await this.#core.appendEvent(conversation.id, {
      type: 'handoff.failed',
      reason: 'expired',
      fallbacks: offered(conversation, this.#core.fallbacks),
    });
    this.#core.finish(next, 'expired');
    return next;
  }

  /** An agent (or the adapter) closed it. */
  async end(
    conversation: ConversationRecord,
    endedBy: EndedBy,
    reason: EndReason,
    close: AdapterCloseReason,
  ) {
    const next = await this.#core.transition(conversation, 'end');
    await this.#core.appendEvent(conversation.id, { type: 'handoff.ended', endedBy, reason });
    this.#core.finish(next, close);
    return next;
  }

  /** The patient left (`leave`) or went quiet for too long (`idle`). */
  async patientGone(conversation: ConversationRecord, why: 'leave' | 'idle') {
    const next = await this.#core.transition(conversation, 'patient_leave');
    await this.#core.appendEvent(conversation.id, {
      type: 'handoff.ended',
      endedBy: why === 'leave' ? 'patient' : 'system',
      reason: why === 'leave' ? 'patient-left' : 'inactivity',
    });
    const close: AdapterCloseReason =
      why === 'leave' ? 'patient-left' : next.state === 'abandoned' ? 'abandoned' : 'server-ended';
    this.#core.finish(next, close);
    return next;
  }

  async returnToBot(conversation: ConversationRecord) {
    const next = await this.#core.transition(conversation, 'return_to_bot', {
      assignedAgentId: null,
    });
    await this.#core.appendEvent(conversation.id, { type: 'returned_to_bot' });
    this.#core.finish(next, 'returned-to-bot');
    return next;
  }

  /**
   * The holder was gone past her grace period: back to the front of the queue (priority
   * kept), the patient told. Nothing is deleted: the log stays as it was.
   */
  async agentLost(conversation: ConversationRecord) {
    const core = this.#core;
    const holder = conversation.assignedAgentId;
    if (conversation.state !== 'assigned' || !holder) return conversation;
    const change = await core.store.requeueAtFront(conversation.id, holder);
    if (!change.ok) return change.current ?? conversation;
    const agent = await core.agentInfo(holder);
    const record = await core.appendEvent(conversation.id, {
      type: 'agent.left',
      agent,
      reason: 'disconnected',
    });
    core.changed(conversation, change.conversation, 'agent_disconnected', record.seq);
    core.delivery.leaveAgent(holder, conversation.id);
    core.timers.arm('queue', conversation.id, core.timeouts.queueTimeoutMs);
    core.metrics?.agentGraceRequeued?.();
    return change.conversation;
  }
}

/**
 * What a patient whose handoff failed is offered, three at most. Not an appointment when the
 * server judged it an emergency (red flags in her own words): the widget keeps the emergency
 * guidance on screen, and booking a visit days away is no answer to chest pain.
 */
function offered(
  conversation: ConversationRecord,
  fallbacks: readonly FallbackOption[],
): FallbackOption[] {
  const emergency = conversation.priority === 'emergency';
  return fallbacks.filter((option) => !(emergency && option === 'appointment')).slice(0, 3);
}

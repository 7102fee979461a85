import { type AgentInfo, createId, PROTOCOL_VERSION } from '@baton/handoff-protocol';
import { type ConversationAction, visiblePatientAttributes } from '../auth/policy';
import type { StaffPrincipal } from '../auth/principal';
import type { ConversationRecord } from '../storage/records';
import type { EngineCore } from './core';
import type { AgentAckFrame, AgentFrame, TranscriptFrame } from './frames';
import type { ConversationLifecycle } from './lifecycle';
import { type LogBody, logEntry, logKey, newLogRecord } from './log-record';
import { refuse } from './refusals';

export function agentInfoOf(staff: StaffPrincipal): AgentInfo {
  const initials = staff.displayName
    .split(/\s+/)
    .map((part) => part[0] ?? '')
    .join('')
    .slice(0, 3)
    .toUpperCase();
  return {
    id: staff.staffId,
    displayName: staff.displayName.slice(0, 100),
    ...(initials ? { initials } : {}),
  };
}

function ack(conversationId: string, clientMessageId: string, seq: number): AgentAckFrame {
  return {
    v: PROTOCOL_VERSION,
    type: 'ack',
    id: createId(),
    ts: new Date().toISOString(),
    conversationId,
    clientMessageId,
    seq,
  };
}

/** What agents and supervisors can do with a conversation, per the access policy. */
export class AgentCommands {
  readonly #core: EngineCore;
  readonly #lifecycle: ConversationLifecycle;

  constructor(core: EngineCore, lifecycle: ConversationLifecycle) {
    this.#core = core;
    this.#lifecycle = lifecycle;
  }

  async authorize(
    staff: StaffPrincipal,
    conversationId: string,
    action: ConversationAction,
    details: { targetId?: string } = {},
  ) {
    const { store, guard } = this.#core;
    const conversation = await store.getConversation(conversationId);
    if (!conversation) {
      await guard.missingConversation(staff, conversationId, action);
      throw refuse.forbidden();
    }
    const decision = await guard.conversation(staff, conversation, action, details);
    if (!decision.allowed) throw refuse.forbidden();
    return conversation;
  }

  /** The bot transcript and the live log since `sinceSeq` (audited as a transcript view). */
  async open(
    staff: StaffPrincipal,
    frame: AgentFrame<'conversation.open'>,
    onAuthorized?: () => void,
  ): Promise<TranscriptFrame> {
    const core = this.#core;
    const conversation = await this.authorize(staff, frame.conversationId, 'transcript.view');
    onAuthorized?.();
    const request = await core.fullRequest(conversation.id);
    if (!request) throw refuse.forbidden();
    const log = await core.readLog(conversation.id, frame.sinceSeq ?? 0);
    const attributes = visiblePatientAttributes(staff, request.patient.attributes);
    return {
      v: PROTOCOL_VERSION,
      type: 'conversation.transcript',
      id: createId(),
      ts: new Date().toISOString(),
      conversationId: conversation.id,
      state: conversation.state,
      request: { ...request, patient: { ...request.patient, attributes } },
      log: log.slice(-5000).map(logEntry),
      lastSeq: log.length > 0 ? log[log.length - 1]!.seq : (frame.sinceSeq ?? 0),
    };
  }

  /** Accept a queued conversation: of concurrent claims exactly one wins (`conflict` for the rest). */
  async claim(staff: StaffPrincipal, conversationId: string): Promise<void> {
    const core = this.#core;
    await core.run(conversationId, async () => {
      const current = await core.store.getConversation(conversationId);
      if (current && current.state !== 'queued') {
        throw refuse.conflict('The conversation is no longer waiting: someone else took it');
      }
      const conversation = await this.authorize(staff, conversationId, 'claim');
      await core.hooks.beforeClaim?.(staff.staffId);
      const change = await core.store.claimConversation(conversationId, staff.staffId);
      if (!change.ok)
        throw refuse.conflict('The conversation is no longer waiting: someone else took it');
      await this.#lifecycle.joined(conversation, change.conversation, agentInfoOf(staff), 'assign');
    });
  }

  async transfer(staff: StaffPrincipal, frame: AgentFrame<'conversation.transfer'>): Promise<void> {
    const core = this.#core;
    await core.run(frame.conversationId, async () => {
      const targetId = frame.target.kind === 'agent' ? frame.target.agentId : frame.target.queue;
      const conversation = await this.authorize(staff, frame.conversationId, 'transfer', {
        targetId,
      });
      if (conversation.state !== 'assigned' || !conversation.assignedAgentId) {
        throw refuse.illegal(conversation.state, 'conversation.transfer');
      }
      const holder: string = conversation.assignedAgentId;
      const target = frame.target;
      if (target.kind === 'agent' && !(await core.store.getAgent(target.agentId))) {
        throw refuse.invalid('Unknown target agent');
      }
      const change = await core.store.transferConversation(
        conversation.id,
        holder,
        target.kind === 'agent' ? { agentId: target.agentId } : { queue: target.queue },
      );
      if (!change.ok) throw refuse.conflict('The conversation changed meanwhile; try again');
      if (target.kind === 'agent') {
        const from = await core.agentInfo(holder);
        const to = await core.agentInfo(target.agentId);
        await this.#lifecycle.joined(conversation, change.conversation, to, 'transfer_to_agent', {
          from,
          ...(frame.note ? { note: frame.note } : {}),
        });
      } else {
        core.changed(conversation, change.conversation, 'transfer_to_queue');
        core.delivery.leaveAgent(holder, conversation.id);
        await core.appendEvent(conversation.id, { type: 'queued', queue: target.queue });
        core.timers.arm('queue', conversation.id, core.timeouts.queueTimeoutMs);
      }
    });
  }

  async message(staff: StaffPrincipal, frame: AgentFrame<'message'>): Promise<AgentAckFrame> {
    const body: LogBody = {
      kind: 'chat',
      text: frame.text,
      agent: agentInfoOf(staff),
      ...(frame.textFormat ? { textFormat: frame.textFormat } : {}),
    };
    return this.#write(staff, frame.conversationId, frame.clientMessageId, body);
  }

  async note(staff: StaffPrincipal, frame: AgentFrame<'note'>): Promise<AgentAckFrame> {
    const body: LogBody = { kind: 'note', text: frame.text, author: agentInfoOf(staff) };
    return this.#write(staff, frame.conversationId, frame.clientMessageId, body);
  }

  async #write(
    staff: StaffPrincipal,
    conversationId: string,
    clientMessageId: string,
    body: LogBody,
  ) {
    const core = this.#core;
    const key = logKey('agent', clientMessageId);
    const record = await core.run(conversationId, async () => {
      const conversation = await this.authorize(staff, conversationId, 'message');
      if (conversation.state !== 'assigned') {
        const earlier = await core.findByKey(conversationId, key);
        if (earlier) return earlier;
        throw refuse.illegal(conversation.state, body.kind === 'note' ? 'note' : 'message');
      }
      const appended = await core.append(
        conversationId,
        newLogRecord(key, 'agent', staff.staffId, body),
      );
      if (appended.senderId !== staff.staffId)
        throw refuse.conflict('clientMessageId already used');
      return appended;
    });
    core.metrics?.messageAcked('agent');
    return ack(conversationId, clientMessageId, record.seq);
  }

  async typing(staff: StaffPrincipal, frame: AgentFrame<'typing'>): Promise<void> {
    const conversation = await this.#assigned(staff, frame.conversationId);
    if (!conversation) return;
    this.#core.delivery.toPatient(conversation.id, {
      v: PROTOCOL_VERSION,
      type: 'typing',
      id: createId(),
      ts: new Date().toISOString(),
      conversationId: conversation.id,
      from: 'agent',
      active: frame.active,
    });
  }

  async read(staff: StaffPrincipal, frame: AgentFrame<'read'>): Promise<void> {
    const conversation = await this.#assigned(staff, frame.conversationId);
    if (!conversation) return;
    this.#core.delivery.toPatient(conversation.id, {
      v: PROTOCOL_VERSION,
      type: 'read',
      id: createId(),
      ts: new Date().toISOString(),
      conversationId: conversation.id,
      by: 'agent',
      upToSeq: frame.upToSeq,
    });
  }

  async #assigned(
    staff: StaffPrincipal,
    conversationId: string,
  ): Promise<ConversationRecord | null> {
    const conversation = await this.authorize(staff, conversationId, 'message');
    return conversation.state === 'assigned' ? conversation : null;
  }

  async end(staff: StaffPrincipal, frame: AgentFrame<'conversation.end'>): Promise<void> {
    const core = this.#core;
    await core.run(frame.conversationId, async () => {
      const conversation = await this.authorize(staff, frame.conversationId, 'end');
      if (conversation.state !== 'assigned')
        throw refuse.illegal(conversation.state, 'conversation.end');
      await this.#lifecycle.end(conversation, 'agent', frame.reason, 'ended-by-agent');
    });
  }

  async returnToBot(staff: StaffPrincipal, conversationId: string): Promise<void> {
    const core = this.#core;
    await core.run(conversationId, async () => {
      const conversation = await this.authorize(staff, conversationId, 'end');
      await this.#lifecycle.returnToBot(conversation);
    });
  }
}

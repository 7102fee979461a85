import { ackMessage, serverToAgentMessage } from '@baton/handoff-protocol';
import { agentInfoOf } from '../auth/agent-info';
import { type ConversationAction, canAccessConversation } from '../auth/policy';
import type { StaffPrincipal } from '../auth/principal';
import type { ConversationRecord } from '../storage/records';
import { type EngineCore, retryable } from './core';
import type { AgentAckFrame, AgentFrame, ReadToAgentFrame, TranscriptFrame } from './frames';
import type { ConversationLifecycle } from './lifecycle';
import { type LogBody, logEntry, logKey, newLogRecord, sameText } from './log-record';
import { refuse } from './refusals';

/**
 * What agents and supervisors do with the conversation log itself, per the access policy:
 * open it (transcript view) and write internal notes. Acting in the conversation (claim,
 * message, typing, read, end, return to bot, transfer) is the agent desk's job: it reports
 * through the `AdapterHost` like any adapter (`src/desk/agent-actions.ts`).
 */
export class AgentCommands {
  readonly #core: EngineCore;

  constructor(core: EngineCore, _lifecycle?: ConversationLifecycle) {
    this.#core = core;
  }

  async authorize(
    staff: StaffPrincipal,
    conversationId: string,
    action: ConversationAction,
    details: { targetId?: string } = {},
  ) {
    const conversation = await this.#core.store
      .getConversation(conversationId)
      .catch((error: unknown) => {
        throw retryable(error);
      });
    return this.authorizeRecord(staff, conversationId, conversation, action, details);
  }

  /** The policy and its audit on a conversation the caller has read already (or `null`). */
  async authorizeRecord(
    staff: StaffPrincipal,
    conversationId: string,
    conversation: ConversationRecord | null,
    action: ConversationAction,
    details: { targetId?: string } = {},
  ): Promise<ConversationRecord> {
    const { guard } = this.#core;
    if (!conversation) {
      await guard.missingConversation(staff, conversationId, action);
      throw refuse.forbidden();
    }
    const decision = await guard.conversation(staff, conversation, action, details);
    if (!decision.allowed) throw refuse.forbidden();
    return conversation;
  }

  /**
   * The bot transcript and the live log since `sinceSeq` (audited as a transcript view).
   * The request is whole: the gateway filters patient context per recipient (`staffFrame`).
   */
  async open(
    staff: StaffPrincipal,
    frame: AgentFrame<'conversation.open'>,
    room?: { join(): void; leave(): void },
  ): Promise<TranscriptFrame> {
    const core = this.#core;
    let conversation = await this.authorize(staff, frame.conversationId, 'transcript.view');
    room?.join();
    // Joined, then checked again: a claim or transfer committed meanwhile ran its room rule
    // before this socket was in the room, so it is caught here instead.
    const now = await core.store.getConversation(conversation.id).catch((error: unknown) => {
      throw retryable(error);
    });
    if (!now || !canAccessConversation(staff, now, 'view').allowed) {
      room?.leave();
      if (now) await core.guard.conversation(staff, now, 'transcript.view');
      else await core.guard.missingConversation(staff, conversation.id, 'transcript.view');
      throw refuse.forbidden();
    }
    conversation = now;
    const request = await core.fullRequest(conversation.id);
    if (!request) throw refuse.forbidden();
    const log = await core.readLog(conversation.id, frame.sinceSeq ?? 0);
    return serverToAgentMessage('conversation.transcript', {
      conversationId: conversation.id,
      state: conversation.state,
      request,
      log: log.slice(-5000).map(logEntry),
      lastSeq: log.length > 0 ? log[log.length - 1]!.seq : (frame.sinceSeq ?? 0),
    });
  }

  /**
   * After `open`'s transcript (the same access, already checked): how far the patient has
   * read, kept with the conversation, so a reloaded console shows the marks again. None
   * when she has read nothing yet (or the store cannot say now).
   */
  async readMarkFrames(conversationId: string): Promise<ReadToAgentFrame[]> {
    const marks = await this.#core.readMarks(conversationId);
    if (!marks || marks.patient <= 0) return [];
    return [
      serverToAgentMessage('read', { conversationId, by: 'patient', upToSeq: marks.patient }),
    ];
  }

  /** Stops watching (`conversation.close`): leaves the room unless `staff` holds it. */
  async close(
    staff: StaffPrincipal,
    frame: AgentFrame<'conversation.close'>,
    room: { leave(): void },
  ): Promise<void> {
    const conversation = await this.#core.store
      .getConversation(frame.conversationId)
      .catch((error: unknown) => {
        throw retryable(error);
      });
    if (conversation?.state === 'assigned' && conversation.assignedAgentId === staff.staffId)
      return;
    room.leave();
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
        if (earlier) return 'text' in body ? sameText(earlier, body.text) : earlier;
        throw refuse.illegal(conversation.state, 'note');
      }
      const appended = await core.append(
        conversationId,
        newLogRecord(key, 'agent', staff.staffId, body),
      );
      if (appended.senderId !== staff.staffId)
        throw refuse.conflict('clientMessageId already used');
      return 'text' in body ? sameText(appended, body.text) : appended;
    });
    core.metrics?.messageAcked('agent');
    return ackMessage(conversationId, clientMessageId, record.seq);
  }
}

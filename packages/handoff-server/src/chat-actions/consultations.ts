import { createId, type ServerToAgent, serverToAgentMessage } from '@baton/handoff-protocol';
import { agentInfoOf } from '../auth/agent-info';
import { auditRole, type StaffPrincipal } from '../auth/principal';
import type { ConversationEngine } from '../engine/engine';
import type { AgentFrame } from '../engine/frames';
import { logEntry } from '../engine/log-record';
import { refuse } from '../engine/refusals';
import type { ConversationRecord } from '../storage/records';

export interface ConsultationDeps {
  engine: ConversationEngine;
  /** Sends a frame to every socket of one staff member (frames without patient context). */
  toAgent: (agentId: string, frame: ServerToAgent) => void;
}

/**
 * Consultations: the agent holding a conversation asks a colleague about it. The colleague
 * is notified (`consult.invited`), may read the conversation read-only while it is assigned
 * (`consult.open`, audited with reason `consultant`), and the two talk in a staff-only thread
 * (`consult.message`, relayed to their sockets only: never to the patient's room).
 */
export class Consultations {
  readonly #deps: ConsultationDeps;

  constructor(deps: ConsultationDeps) {
    this.#deps = deps;
  }

  async request(staff: StaffPrincipal, frame: AgentFrame<'consult.request'>): Promise<void> {
    const { engine, toAgent } = this.#deps;
    const conversation = await engine.agent.authorize(staff, frame.conversationId, 'message');
    if (conversation.state !== 'assigned')
      throw refuse.illegal(conversation.state, 'consult.request');
    const consultant = await engine.store.getAgent(frame.agentId);
    if (!consultant || consultant.id === staff.staffId)
      throw refuse.invalid('Consult another agent of this desk');
    await engine.store.grantConsultation({
      conversationId: conversation.id,
      consultantId: consultant.id,
      requestedBy: staff.staffId,
    });
    await this.#audit(staff, conversation, 'consult.request', 'allowed', consultant.id);
    const request = await engine.request(conversation.id);
    const from = agentInfoOf(staff);
    toAgent(
      consultant.id,
      serverToAgentMessage('consult.invited', {
        conversationId: conversation.id,
        from,
        ...(conversation.queue ? { queue: conversation.queue } : {}),
        priority: request?.priority ?? 'routine',
        text: frame.text,
      }),
    );
    await this.#relay(conversation, consultant.id, from, frame.text, frame.id);
  }

  /**
   * The consulted agent reads the conversation (read-only), while it is assigned. With `room`
   * her socket then follows it live (the conversation's frames, as its holder gets them) until
   * the consultation ends: the room rule (`withdrawLostAccess`) drops her when it leaves
   * `assigned`. Joined, then checked again, so an end committed meanwhile is caught here.
   */
  async open(
    staff: StaffPrincipal,
    frame: AgentFrame<'consult.open'>,
    room?: { join(): void; leave(): void },
  ) {
    const { engine } = this.#deps;
    let conversation = await this.#consultedBy(staff, frame.conversationId);
    if (room) {
      room.join();
      try {
        conversation = await this.#consultedBy(staff, frame.conversationId);
      } catch (error) {
        room.leave();
        throw error;
      }
    }
    await this.#audit(staff, conversation, 'transcript.view', 'allowed', null, 'consultant');
    const request = await engine.fullRequest(conversation.id);
    if (!request) throw refuse.forbidden();
    const log = await engine.log(conversation.id);
    return serverToAgentMessage('conversation.transcript', {
      conversationId: conversation.id,
      state: conversation.state,
      request,
      log: log.slice(-5000).map(logEntry),
      lastSeq: log.at(-1)?.seq ?? 0,
    });
  }

  /** A message of the thread between the holder and one consulted agent. */
  async message(staff: StaffPrincipal, frame: AgentFrame<'consult.message'>): Promise<void> {
    const { engine } = this.#deps;
    const conversation =
      frame.consultantId === staff.staffId
        ? await this.#consultedBy(staff, frame.conversationId)
        : await engine.agent.authorize(staff, frame.conversationId, 'message');
    if (conversation.state !== 'assigned')
      throw refuse.illegal(conversation.state, 'consult.message');
    if (!(await engine.store.getConsultation(conversation.id, frame.consultantId)))
      throw refuse.invalid('No consultation with this agent');
    await this.#relay(
      conversation,
      frame.consultantId,
      agentInfoOf(staff),
      frame.text,
      frame.clientMessageId,
    );
  }

  /**
   * The stored threads this staff member takes part in, as `consult.message` frames with the
   * ids they were first delivered with (a console de-duplicates): the holder's threads when
   * she (re)opens her conversation, the consultant's own when she opens it. Nothing otherwise.
   */
  async replay(staff: StaffPrincipal, conversationId: string): Promise<ServerToAgent[]> {
    const { engine } = this.#deps;
    const conversation = await engine.store.getConversation(conversationId);
    if (conversation?.state !== 'assigned') return [];
    const holder = conversation.assignedAgentId === staff.staffId;
    if (!holder && !(await engine.store.getConsultation(conversationId, staff.staffId))) return [];
    const stored = await engine.store.listConsultMessages(
      conversationId,
      holder ? undefined : staff.staffId,
    );
    return stored.map((m) =>
      serverToAgentMessage('consult.message', {
        id: m.id,
        ts: m.createdAt,
        conversationId,
        consultantId: m.consultantId,
        author: m.author,
        text: m.text,
        clientMessageId: m.clientMessageId,
      }),
    );
  }

  /** Her grant on a conversation still assigned; anything else is refused and audited. */
  async #consultedBy(staff: StaffPrincipal, conversationId: string): Promise<ConversationRecord> {
    const { engine } = this.#deps;
    const conversation = await engine.store.getConversation(conversationId);
    const grant = conversation
      ? await engine.store.getConsultation(conversation.id, staff.staffId)
      : null;
    if (!conversation || !grant || conversation.state !== 'assigned') {
      await engine.store.appendAudit({
        action: 'transcript.view',
        outcome: 'denied',
        actorId: staff.staffId,
        actorRole: auditRole(staff),
        conversationId,
        patientId: conversation?.patientId ?? null,
        reason: 'not_consulted',
      });
      throw refuse.forbidden();
    }
    return conversation;
  }

  /** Stored first (a reload shows it again), then sent to both sides of the thread. */
  async #relay(
    conversation: ConversationRecord,
    consultantId: string,
    author: ReturnType<typeof agentInfoOf>,
    text: string,
    clientMessageId: string,
  ): Promise<void> {
    const { message, created } = await this.#deps.engine.store.appendConsultMessage({
      id: createId(),
      conversationId: conversation.id,
      consultantId,
      clientMessageId,
      author,
      text,
    });
    if (!created && message.author.id !== author.id)
      throw refuse.conflict('clientMessageId already used');
    const frame = serverToAgentMessage('consult.message', {
      id: message.id,
      ts: message.createdAt,
      conversationId: conversation.id,
      consultantId,
      author: message.author,
      text: message.text,
      clientMessageId,
    });
    const to = new Set([consultantId, conversation.assignedAgentId ?? author.id]);
    for (const agentId of to) this.#deps.toAgent(agentId, frame);
  }

  #audit(
    staff: StaffPrincipal,
    conversation: ConversationRecord,
    action: 'consult.request' | 'transcript.view',
    outcome: 'allowed' | 'denied',
    targetId: string | null,
    reason: string | null = null,
  ) {
    return this.#deps.engine.store.appendAudit({
      action,
      outcome,
      actorId: staff.staffId,
      actorRole: auditRole(staff),
      conversationId: conversation.id,
      patientId: conversation.patientId,
      targetId,
      reason,
    });
  }
}

import { type ServerToAgent, serverToAgentMessage } from '@baton/handoff-protocol';
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
    this.#relay(conversation, consultant.id, from, frame.text);
  }

  /** The consulted agent reads the conversation (read-only), while it is assigned. */
  async open(staff: StaffPrincipal, frame: AgentFrame<'consult.open'>) {
    const { engine } = this.#deps;
    const conversation = await this.#consultedBy(staff, frame.conversationId);
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
    this.#relay(
      conversation,
      frame.consultantId,
      agentInfoOf(staff),
      frame.text,
      frame.clientMessageId,
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

  #relay(
    conversation: ConversationRecord,
    consultantId: string,
    author: ReturnType<typeof agentInfoOf>,
    text: string,
    clientMessageId?: string,
  ): void {
    const frame = serverToAgentMessage('consult.message', {
      conversationId: conversation.id,
      consultantId,
      author,
      text,
      ...(clientMessageId ? { clientMessageId } : {}),
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

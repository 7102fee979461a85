import { serverToAgentMessage } from '@baton/handoff-protocol';
import { agentInfoOf } from '../auth/agent-info';
import { auditRole, hasRole, type StaffPrincipal } from '../auth/principal';
import type { AgentCommands } from './agent-commands';
import { type EngineCore, retryable } from './core';
import type { AgentAckFrame, AgentFrame } from './frames';
import { type LogBody, logKey, newLogRecord, sameText } from './log-record';
import { refuse } from './refusals';

/**
 * What a supervisor does in a conversation an agent holds: whisper to the agent (a note the
 * patient never receives) and barge in (the patient is told a supervisor joined). Both are
 * logged with a `seq`, acknowledged once committed, de-duplicated by `clientMessageId`, and
 * audited (`conversation.whisper`, `conversation.barge`, allowed or denied). Reassigning and
 * taking over are `conversation.transfer` (the policy lets supervisors transfer).
 */
export class SupervisorCommands {
  readonly #core: EngineCore;
  readonly #agent: AgentCommands;

  constructor(core: EngineCore, agent: AgentCommands) {
    this.#core = core;
    this.#agent = agent;
  }

  whisper(staff: StaffPrincipal, frame: AgentFrame<'conversation.whisper'>) {
    const body: LogBody = {
      kind: 'note',
      text: frame.text,
      author: agentInfoOf(staff),
      whisper: true,
    };
    return this.#write(
      staff,
      'conversation.whisper',
      frame.conversationId,
      frame.clientMessageId,
      'agent',
      body,
    );
  }

  barge(staff: StaffPrincipal, frame: AgentFrame<'conversation.barge'>) {
    const body: LogBody = {
      kind: 'event',
      event: { type: 'supervisor.joined', supervisor: agentInfoOf(staff) },
    };
    return this.#write(
      staff,
      'conversation.barge',
      frame.conversationId,
      frame.clientMessageId,
      'system',
      body,
    );
  }

  async #write(
    staff: StaffPrincipal,
    action: 'conversation.whisper' | 'conversation.barge',
    conversationId: string,
    clientMessageId: string,
    from: 'agent' | 'system',
    body: LogBody,
  ): Promise<AgentAckFrame> {
    const core = this.#core;
    const audit = (outcome: 'allowed' | 'denied', reason?: string) =>
      core.store
        .appendAudit({
          action,
          outcome,
          actorId: staff.staffId,
          actorRole: auditRole(staff),
          conversationId,
          ...(reason ? { reason } : {}),
        })
        .catch((error: unknown) => {
          throw retryable(error);
        });
    if (!hasRole(staff, 'supervisor')) {
      await audit('denied', 'role_required');
      throw refuse.forbidden();
    }
    const key = logKey('agent', clientMessageId);
    const record = await core.run(conversationId, async () => {
      const conversation = await this.#agent.authorize(staff, conversationId, 'message');
      const earlier = await core.findByKey(conversationId, key);
      if (earlier) {
        if (earlier.senderId !== staff.staffId)
          throw refuse.conflict('clientMessageId already used');
        return 'text' in body ? sameText(earlier, body.text) : earlier;
      }
      if (conversation.state !== 'assigned') throw refuse.illegal(conversation.state, action);
      const appended = await core.append(
        conversationId,
        newLogRecord(key, from, staff.staffId, body),
      );
      if (appended.senderId !== staff.staffId)
        throw refuse.conflict('clientMessageId already used');
      await audit('allowed');
      return appended;
    });
    return serverToAgentMessage('ack', { conversationId, clientMessageId, seq: record.seq });
  }
}

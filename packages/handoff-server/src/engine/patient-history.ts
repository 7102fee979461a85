import {
  PATIENT_HISTORY_LIMIT,
  type PastConversation,
  serverToAgentMessage,
} from '@baton/handoff-protocol';
import type { StaffPrincipal } from '../auth/principal';
import { auditRole, principalId } from '../auth/principal';
import type { ConversationRecord } from '../storage/records';
import type { AgentCommands } from './agent-commands';
import { type EngineCore, retryable } from './core';
import type { AgentFrame } from './frames';
import { logEntry } from './log-record';
import { refuse } from './refusals';

function past(record: ConversationRecord): PastConversation {
  return {
    conversationId: record.id,
    state: record.state,
    priority: record.priority,
    createdAt: record.createdAt,
    ...(record.endedAt ? { endedAt: record.endedAt } : {}),
  };
}

/**
 * The patient's earlier conversations with Baton, for staff who may see the current one:
 * who may view a conversation may see, read-only, what this patient said before. The list
 * (ids, states, dates) and every opened conversation are audited (`history.list`,
 * `history.view`, the current conversation as `targetId`); a conversation of another
 * patient is refused and the refusal audited.
 */
export class PatientHistoryService {
  constructor(
    private readonly core: EngineCore,
    private readonly agents: AgentCommands,
  ) {}

  async list(staff: StaffPrincipal, frame: AgentFrame<'patient.history'>) {
    const current = await this.agents.authorize(staff, frame.conversationId, 'view');
    const records = await this.core.store
      .listPatientConversations(current.patientId, {
        limit: PATIENT_HISTORY_LIMIT,
        excludeId: current.id,
      })
      .catch((error: unknown) => {
        throw retryable(error);
      });
    await this.#audit(staff, 'history.list', 'allowed', current.id, current);
    return serverToAgentMessage('patient.history', {
      conversationId: current.id,
      conversations: records.map(past),
    });
  }

  async open(staff: StaffPrincipal, frame: AgentFrame<'patient.history.open'>) {
    const current = await this.agents.authorize(staff, frame.conversationId, 'view');
    const earlier = await this.core.store
      .getConversation(frame.pastConversationId)
      .catch((error: unknown) => {
        throw retryable(error);
      });
    if (!earlier || earlier.patientId !== current.patientId || earlier.id === current.id) {
      await this.#audit(staff, 'history.view', 'denied', frame.pastConversationId, current);
      throw refuse.forbidden();
    }
    await this.#audit(staff, 'history.view', 'allowed', earlier.id, current);
    const request = await this.core.fullRequest(earlier.id);
    if (!request) throw refuse.forbidden();
    const log = await this.core.readLog(earlier.id, 0);
    return serverToAgentMessage('patient.history.transcript', {
      conversationId: current.id,
      pastConversationId: earlier.id,
      state: earlier.state,
      request,
      log: log.slice(-5000).map(logEntry),
    });
  }

  #audit(
    staff: StaffPrincipal,
    action: 'history.list' | 'history.view',
    outcome: 'allowed' | 'denied',
    conversationId: string,
    current: ConversationRecord,
  ) {
    return this.core.store.appendAudit({
      action,
      outcome,
      actorId: principalId(staff),
      actorRole: auditRole(staff),
      conversationId,
      patientId: current.patientId,
      targetId: current.id,
      reason: outcome === 'allowed' ? 'patient_history' : 'not_this_patient',
    });
  }
}

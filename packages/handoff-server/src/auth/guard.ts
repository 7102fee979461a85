import type { ConversationStore } from '../storage/contract';
import type { ConversationRecord } from '../storage/records';
import {
  AUDIT_ACTION,
  AUDITED_WHEN_ALLOWED,
  type ConfigAction,
  type ConversationAction,
  canAccessConversation,
  canManageConfiguration,
  type Decision,
  grantBasis,
} from './policy';
import { auditRole, type Principal, principalId } from './principal';

export type AuditSink = Pick<ConversationStore, 'appendAudit'>;

/**
 * The policy plus its audit trail: every transcript view or export, claim, transfer and
 * deletion, and every denial, is appended to the audit log (ids only) before the decision
 * is returned, with why (`reason`: the grant's basis, or the denial's code). Callers act
 * only on `allowed`.
 */
export function createAccessGuard(audit: AuditSink) {
  return {
    async conversation(
      principal: Principal,
      conversation: ConversationRecord,
      action: ConversationAction,
      details: { targetId?: string } = {},
    ): Promise<Decision> {
      const decision = canAccessConversation(principal, conversation, action);
      if (!decision.allowed || AUDITED_WHEN_ALLOWED.has(action)) {
        await audit.appendAudit({
          action: AUDIT_ACTION[action],
          outcome: decision.allowed ? 'allowed' : 'denied',
          actorId: principalId(principal),
          actorRole: auditRole(principal),
          conversationId: conversation.id,
          patientId: conversation.patientId,
          targetId: details.targetId ?? null,
          // Why: the policy's basis for a grant, its reason for a denial.
          reason: decision.allowed ? grantBasis(principal, conversation) : decision.reason,
        });
      }
      return decision;
    },

    /** A conversation id that does not exist is a denial too (and looks like one). */
    async missingConversation(
      principal: Principal,
      conversationId: string,
      action: ConversationAction,
    ) {
      await audit.appendAudit({
        action: AUDIT_ACTION[action],
        outcome: 'denied',
        actorId: principalId(principal),
        actorRole: auditRole(principal),
        conversationId,
        reason: 'conversation_not_reachable',
      });
      return { allowed: false, reason: 'conversation_not_reachable' } as const;
    },

    async configuration(principal: Principal, action: ConfigAction): Promise<Decision> {
      const decision = canManageConfiguration(principal, action);
      if (!decision.allowed || action === 'config.update') {
        await audit.appendAudit({
          action,
          outcome: decision.allowed ? 'allowed' : 'denied',
          actorId: principalId(principal),
          actorRole: auditRole(principal),
          reason: decision.allowed ? null : decision.reason,
        });
      }
      return decision;
    },
  };
}

export type AccessGuard = ReturnType<typeof createAccessGuard>;

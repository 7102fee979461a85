import { canAccessConversation } from '../auth/policy';
import { auditRole, type Principal } from '../auth/principal';
import type { ConversationStore } from '../storage/contract';
import type { ConversationRecord } from '../storage/records';

/**
 * A colleague consulted about a conversation (`consult.request`) reads it read-only while it
 * is assigned, files included: her opening of a file is a disclosure, audited as
 * `attachment.view` with the reason `consultant`. True when she may (and it was audited);
 * false when this is not a consultant's read (the policy then decides, and audits).
 */
export async function consultantMayRead(
  store: Pick<ConversationStore, 'getConsultation' | 'appendAudit'>,
  principal: Principal,
  conversation: ConversationRecord,
  attachmentId: string,
): Promise<boolean> {
  if (principal.kind !== 'staff' || conversation.state !== 'assigned') return false;
  if (canAccessConversation(principal, conversation, 'attachment.view').allowed) return false;
  if (!(await store.getConsultation(conversation.id, principal.staffId))) return false;
  await store.appendAudit({
    action: 'attachment.view',
    outcome: 'allowed',
    actorId: principal.staffId,
    actorRole: auditRole(principal),
    conversationId: conversation.id,
    patientId: conversation.patientId,
    targetId: attachmentId,
    reason: 'consultant',
  });
  return true;
}

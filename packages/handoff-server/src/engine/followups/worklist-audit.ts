import { auditRole, type StaffPrincipal } from '../../auth/principal';
import type { ConversationStore } from '../../storage/contract';
import type { FollowUpItemRecord } from '../../storage/followup-records';
import type { AuditEvent } from '../../storage/records';

type AuditActor = Pick<AuditEvent, 'actorId' | 'actorRole'>;

/** Writes one audit row about a worklist item (ids only). */
export type ItemAudit = (
  item: FollowUpItemRecord,
  action: AuditEvent['action'],
  actor: AuditActor,
  outcome?: AuditEvent['outcome'],
  reason?: string,
) => Promise<void>;

/** The audit actor of a staff member. */
export function staffActor(staff: StaffPrincipal): AuditActor {
  return { actorId: staff.staffId, actorRole: auditRole(staff) };
}

/** The worklist's audit rows, written to `store`. */
export function itemAudit(store: ConversationStore): ItemAudit {
  return async (item, action, actor, outcome = 'allowed', reason) => {
    await store.appendAudit({
      action,
      outcome,
      ...actor,
      conversationId: item.conversationId,
      patientId: item.patientId,
      targetId: item.id,
      ...(reason ? { reason } : {}),
    });
  };
}

import type { PatientAttribute } from '@baton/handoff-protocol';
import { type AuditAction, type ConversationRecord, FINISHED_STATES } from '../storage/records';
import { hasRole, type Principal } from './principal';
import { attributesFor, clearanceOf } from './staff-view';

/** What someone wants to do with one conversation. */
export type ConversationAction =
  | 'view'
  | 'message'
  | 'end'
  | 'transcript.view'
  | 'transcript.export'
  | 'claim'
  | 'transfer'
  | 'delete'
  | 'attachment.view';

export const CONVERSATION_ACTIONS: readonly ConversationAction[] = [
  'view',
  'message',
  'end',
  'transcript.view',
  'transcript.export',
  'claim',
  'transfer',
  'delete',
  'attachment.view',
];

export type ConfigAction = 'config.read' | 'config.update';

/** Machine codes for denials: these go to the audit log, so never free text. */
export type DenialReason =
  | 'not_own_conversation'
  | 'not_bound_conversation'
  | 'patient_action_forbidden'
  | 'not_in_agent_queue'
  | 'not_assigned_to_agent'
  | 'conversation_not_reachable'
  | 'role_required';

export type Decision = { allowed: true } | { allowed: false; reason: DenialReason };

const ALLOW: Decision = { allowed: true };
const deny = (reason: DenialReason): Decision => ({ allowed: false, reason });

const PATIENT_ACTIONS: ReadonlySet<ConversationAction> = new Set([
  'view',
  'message',
  'end',
  'transcript.view',
  'attachment.view',
]);
const QUEUED_AGENT_ACTIONS: ReadonlySet<ConversationAction> = new Set([
  'view',
  'transcript.view',
  'claim',
  'attachment.view',
]);
const ASSIGNED_AGENT_ACTIONS: ReadonlySet<ConversationAction> = new Set([
  'view',
  'message',
  'end',
  'transcript.view',
  'transcript.export',
  'transfer',
  'attachment.view',
]);

/**
 * Who may do what with a conversation. Pure: the caller loads the conversation from the
 * store (never from the client) and writes the audit record (see `createAccessGuard`).
 *
 * - patient: only their own conversation (and only the bound one, if the token names one);
 *   view, message, end, read its transcript.
 * - agent: queued conversations of their queues (view, read transcript, claim) and the ones
 *   assigned to them (view, message, end, transcript, export, transfer); a finished one she
 *   held last, `view` only (what still happens in it reaches her open, read-only view).
 * - supervisor: every conversation, every action but delete.
 * - admin: configuration, and deletion of conversation data; no reading of conversations.
 */
export function canAccessConversation(
  principal: Principal,
  conversation: Pick<
    ConversationRecord,
    'id' | 'patientId' | 'state' | 'queue' | 'assignedAgentId'
  >,
  action: ConversationAction,
): Decision {
  if (principal.kind === 'patient') {
    if (conversation.patientId !== principal.patientId) return deny('not_own_conversation');
    if (principal.conversationId !== null && principal.conversationId !== conversation.id) {
      return deny('not_bound_conversation');
    }
    return PATIENT_ACTIONS.has(action) ? ALLOW : deny('patient_action_forbidden');
  }
  if (action === 'delete') return hasRole(principal, 'admin') ? ALLOW : deny('role_required');
  if (hasRole(principal, 'supervisor')) return ALLOW;
  if (!hasRole(principal, 'agent')) return deny('role_required');
  if (conversation.state === 'queued') {
    if (conversation.queue === null || !principal.queues.includes(conversation.queue)) {
      return deny('not_in_agent_queue');
    }
    return QUEUED_AGENT_ACTIONS.has(action) ? ALLOW : deny('conversation_not_reachable');
  }
  if (conversation.state === 'assigned') {
    if (conversation.assignedAgentId !== principal.staffId) return deny('not_assigned_to_agent');
    return ASSIGNED_AGENT_ACTIONS.has(action) ? ALLOW : deny('conversation_not_reachable');
  }
  // Her last conversation, finished: she keeps watching it read-only (the survey answer, a
  // booking), as long as her console has it open; she cannot reopen or act in it.
  if (
    FINISHED_STATES.has(conversation.state) &&
    conversation.assignedAgentId === principal.staffId &&
    (action === 'view' || action === 'attachment.view')
  )
    return ALLOW;
  return deny('conversation_not_reachable');
}

/** Why an allowed access was allowed: the audit log's `reason` for a grant. */
export type GrantBasis =
  | 'own_conversation'
  | 'supervisor'
  | 'admin'
  | 'queue_agent'
  | 'holder'
  | 'last_holder';

/** The basis of an access `canAccessConversation` allowed (call it only then). */
export function grantBasis(
  principal: Principal,
  conversation: Pick<ConversationRecord, 'state' | 'assignedAgentId'>,
): GrantBasis {
  if (principal.kind === 'patient') return 'own_conversation';
  if (hasRole(principal, 'supervisor')) return 'supervisor';
  if (conversation.state === 'queued') return 'queue_agent';
  if (conversation.state === 'assigned') return 'holder';
  if (conversation.assignedAgentId === principal.staffId) return 'last_holder';
  return 'admin';
}

export function canManageConfiguration(principal: Principal, action: ConfigAction): Decision {
  if (hasRole(principal, 'admin')) return ALLOW;
  if (action === 'config.read' && hasRole(principal, 'supervisor')) return ALLOW;
  return deny('role_required');
}

/**
 * Patient attributes a principal may see: never the non-displayable ones; clinical ones only
 * with the clinical flag. Patients see their own displayable, non-clinical attributes.
 */
export function visiblePatientAttributes(
  principal: Principal,
  attributes: readonly PatientAttribute[] | undefined,
): PatientAttribute[] {
  return attributesFor(clearanceOf(principal), attributes);
}

/** The audit action for each conversation action. */
export const AUDIT_ACTION: Record<ConversationAction, AuditAction> = {
  view: 'conversation.view',
  message: 'conversation.message',
  end: 'conversation.end',
  'transcript.view': 'transcript.view',
  'transcript.export': 'transcript.export',
  claim: 'conversation.claim',
  transfer: 'conversation.transfer',
  delete: 'conversation.delete',
  'attachment.view': 'attachment.view',
};

/** Actions audited even when allowed; every denial is audited whatever the action. */
export const AUDITED_WHEN_ALLOWED: ReadonlySet<ConversationAction> = new Set([
  'transcript.view',
  'transcript.export',
  'claim',
  'transfer',
  'delete',
  'attachment.view',
]);

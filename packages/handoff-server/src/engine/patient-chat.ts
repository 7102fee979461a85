import { AUDITED_WHEN_ALLOWED, canAccessConversation } from '../auth/policy';
import type { PatientPrincipal } from '../auth/principal';
import type { ConversationRecord } from '../storage/records';
import { LIVE_STATES } from './deadlines';

/** States in which the patient chats with the team. */
export const CHAT_STATES: ReadonlySet<string> = new Set(LIVE_STATES);

/** A message allowed without an audit record may take the one-step append. */
export const MESSAGE_AUDITED_WHEN_ALLOWED = AUDITED_WHEN_ALLOWED.has('message');

/** What the policy and the state say of a patient's chat message (no audit: allowed only). */
export function mayChat(patient: PatientPrincipal, conversation: ConversationRecord): boolean {
  return (
    CHAT_STATES.has(conversation.state) &&
    canAccessConversation(patient, conversation, 'message').allowed
  );
}

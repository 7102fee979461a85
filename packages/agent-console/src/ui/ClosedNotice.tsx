import type { Translate } from '../i18n';
import type { ConsoleSession } from '../session/session';
import type { ConversationView } from '../session/state';
import { WrapUpAfterEnd } from './chat-actions/WrapUpAfterEnd';
import { useConsole } from './context';
import { stateLabel } from './labels';

/** Why this agent can no longer act on the conversation, in one plain sentence. */
export function closedReason(t: Translate, view: ConversationView, selfId: string): string {
  const by = view.closedBy;
  switch (by?.event) {
    case 'transfer_to_agent':
      if (by.agent && by.agent.id !== selfId)
        return t('closedTransferredAway', { name: by.agent.displayName });
      return t('closedNotYours');
    case 'transfer_to_queue':
      return t('closedToQueue');
    case 'agent_disconnected':
      return t('closedAgentDisconnected');
    case 'patient_leave':
      return t('closedPatientLeft');
    case 'end':
      return t('closedEnded');
    case 'return_to_bot':
      return t('closedReturnedToBot');
    default:
      if (!view.held) return t('closedNotYours');
      return t('closedConversation', { state: stateLabel(t, view.state) });
  }
}

export interface ClosedNoticeProps {
  session: ConsoleSession;
  view: ConversationView;
}

/**
 * Replaces the composer and the actions of a conversation this agent no longer holds:
 * read-only, and says why. Nothing here can be sent.
 */
export function ClosedNotice({ session, view }: ClosedNoticeProps) {
  const { t } = useConsole();
  return (
    <div class="closed-notice">
      <p class="badge">{t('readOnly')}</p>
      <p id={`closed-${view.conversationId}`} role="status">
        {closedReason(t, view, session.state.profile.staffId)}
      </p>
      <WrapUpAfterEnd session={session} view={view} />
      <button type="button" onClick={() => session.dismiss(view.conversationId)}>
        {t('dismiss')}
      </button>
    </div>
  );
}

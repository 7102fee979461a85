import type { StaffCandidate } from '@baton/handoff-protocol';
import { useState } from 'preact/hooks';
import type { ConsoleSession } from '../../session/session';
import { useConsole } from '../context';
import { Dialog } from '../Dialog';
import { CandidateList } from './CandidateList';

export interface ConsultDialogProps {
  session: ConsoleSession;
  conversationId: string;
  agents: readonly StaffCandidate[];
  onClose: () => void;
}

/** Ask a colleague about this conversation (a staff-only thread; she may read it). */
export function ConsultDialog({ session, conversationId, agents, onClose }: ConsultDialogProps) {
  const { t } = useConsole();
  const [agentId, setAgentId] = useState('');
  const [text, setText] = useState('');
  const submit = (event: Event) => {
    event.preventDefault();
    if (!agentId || !text.trim()) return;
    session.consult(conversationId, agentId, text.trim());
    onClose();
  };
  return (
    <Dialog title={t('consultTitle')} onClose={onClose}>
      <form onSubmit={submit}>
        <CandidateList
          name="consult-agent"
          legend={t('consultAgentsLegend')}
          empty={t('consultAgentsNone')}
          candidates={agents}
          value={agentId}
          onChange={setAgentId}
        />
        <label for="consult-question">{t('consultQuestion')}</label>
        <textarea
          id="consult-question"
          rows={3}
          maxLength={4000}
          required
          value={text}
          onInput={(e) => setText(e.currentTarget.value)}
        />
        <div class="dialog-buttons">
          <button type="button" onClick={onClose}>
            {t('cancel')}
          </button>
          <button type="submit" class="primary" disabled={!agentId || !text.trim()}>
            {t('consultSend')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

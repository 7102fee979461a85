import type { ChatActionSet } from '@baton/handoff-protocol';
import { useState } from 'preact/hooks';
import type { ConsoleSession } from '../../session/session';
import { useConsole } from '../context';
import { Dialog } from '../Dialog';
import { CandidateList } from './CandidateList';

export interface TransferDialogProps {
  session: ConsoleSession;
  conversationId: string;
  actions: ChatActionSet['transfer'];
  onClose: () => void;
}

/** Transfer to an agent who can take it (presence, load, queues shown) or to a queue. */
export function TransferDialog({ session, conversationId, actions, onClose }: TransferDialogProps) {
  const { t } = useConsole();
  const [kind, setKind] = useState<'agent' | 'queue'>(
    actions.agents.length > 0 ? 'agent' : 'queue',
  );
  const [agentId, setAgentId] = useState('');
  const [queue, setQueue] = useState(actions.queues[0] ?? '');
  const [note, setNote] = useState('');
  const submit = (event: Event) => {
    event.preventDefault();
    const target =
      kind === 'agent' ? { kind: 'agent' as const, agentId } : { kind: 'queue' as const, queue };
    if ((target.kind === 'agent' && !agentId) || (target.kind === 'queue' && !queue)) return;
    session.transfer(conversationId, target, note.trim() || undefined);
    onClose();
  };
  return (
    <Dialog title={t('transferTitle')} onClose={onClose}>
      <form onSubmit={submit}>
        <fieldset>
          <legend>{t('transferTo')}</legend>
          <label>
            <input
              type="radio"
              name="transfer-kind"
              checked={kind === 'agent'}
              onChange={() => setKind('agent')}
            />{' '}
            {t('transferToAgent')}
          </label>
          <label>
            <input
              type="radio"
              name="transfer-kind"
              checked={kind === 'queue'}
              onChange={() => setKind('queue')}
            />{' '}
            {t('transferToQueue')}
          </label>
        </fieldset>
        {kind === 'agent' ? (
          <CandidateList
            name="transfer-agent"
            legend={t('transferAgentsLegend')}
            empty={t('transferAgentsNone')}
            candidates={actions.agents}
            value={agentId}
            onChange={setAgentId}
            selectable={(c) => c.presence === 'available' && c.load < c.capacity}
          />
        ) : (
          <>
            <label for="transfer-queue">{t('queueName')}</label>
            <select
              id="transfer-queue"
              value={queue}
              onChange={(e) => setQueue(e.currentTarget.value)}
            >
              {actions.queues.map((q) => (
                <option key={q} value={q}>
                  {q}
                </option>
              ))}
            </select>
          </>
        )}
        <label for="transfer-note">{t('transferNoteInput')}</label>
        <textarea
          id="transfer-note"
          rows={2}
          maxLength={4000}
          value={note}
          onInput={(e) => setNote(e.currentTarget.value)}
        />
        <div class="dialog-buttons">
          <button type="button" onClick={onClose}>
            {t('cancel')}
          </button>
          <button type="submit" class="primary" disabled={kind === 'agent' ? !agentId : !queue}>
            {t('confirm')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

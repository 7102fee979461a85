import { useState } from 'preact/hooks';
import { pickLocale, translator } from '../i18n';
import type { ConsoleSession } from '../session/session';
import type { ConversationView } from '../session/state';
import { CallStart } from './CallStart';
import { useConsole } from './context';
import { Dialog } from './Dialog';
import { defaultSurvey } from './offers';

export interface ConversationActionsProps {
  session: ConsoleSession;
  view: ConversationView;
  /** Queues the agent may transfer to (their own and any the supervisor dashboard shows). */
  queues: readonly string[];
  agents: readonly { id: string; displayName: string }[];
}

type OpenDialog = 'transfer' | 'end' | null;

function download(name: string, body: unknown): void {
  const url = URL.createObjectURL(
    new Blob([JSON.stringify(body, null, 2)], { type: 'application/json' }),
  );
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Transfer, end, return to bot, offers (survey, appointment, call) and transcript export. */
export function ConversationActions({ session, view, queues, agents }: ConversationActionsProps) {
  const { t, offers } = useConsole();
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const [kind, setKind] = useState<'queue' | 'agent'>('queue');
  const [queue, setQueue] = useState(queues[0] ?? '');
  const [agentId, setAgentId] = useState('');
  const [note, setNote] = useState('');
  const [exportError, setExportError] = useState(false);
  const id = view.conversationId;
  const patientT = translator(pickLocale([view.request.patient.locale]));

  const confirmTransfer = (event: Event) => {
    event.preventDefault();
    const target =
      kind === 'queue'
        ? { kind: 'queue' as const, queue: queue.trim() }
        : { kind: 'agent' as const, agentId: agentId.trim() };
    if ((target.kind === 'queue' && !target.queue) || (target.kind === 'agent' && !target.agentId))
      return;
    session.transfer(id, target, note.trim() || undefined);
    setDialog(null);
    setNote('');
  };

  return (
    <div class="actions" role="toolbar" aria-label={t('actions')}>
      <button type="button" onClick={() => setDialog('transfer')}>
        {t('transfer')}
      </button>
      <button type="button" onClick={() => setDialog('end')}>
        {t('end')}
      </button>
      <button type="button" onClick={() => session.returnToBot(id)}>
        {t('returnToBot')}
      </button>
      <button
        type="button"
        onClick={() => session.offerSurvey(id, (offers.survey ?? defaultSurvey)(patientT))}
      >
        {t('offerSurvey')}
      </button>
      {offers.appointment ? (
        <button
          type="button"
          onClick={async () => session.offerAppointment(id, await offers.appointment!(id))}
        >
          {t('offerAppointment')}
        </button>
      ) : null}
      {offers.call ? (
        <button type="button" onClick={async () => session.offerCall(id, await offers.call!(id))}>
          {t('offerCall')}
        </button>
      ) : null}
      <CallStart session={session} conversationId={id} />
      <button
        type="button"
        onClick={() => {
          setExportError(false);
          session.exportTranscript(id).then(
            (body) => download(`transcript-${id}.json`, body),
            () => setExportError(true),
          );
        }}
      >
        {t('exportTranscript')}
      </button>
      {exportError ? (
        <p class="error" role="alert">
          {t('actionFailed', {
            action: t('exportTranscript'),
            reason: t('error_other', { code: 'http' }),
          })}
        </p>
      ) : null}

      {dialog === 'transfer' ? (
        <Dialog title={t('transferTitle')} onClose={() => setDialog(null)}>
          <form onSubmit={confirmTransfer}>
            <fieldset>
              <legend>{t('transferTo')}</legend>
              <label>
                <input
                  type="radio"
                  name="transfer-kind"
                  checked={kind === 'queue'}
                  onChange={() => setKind('queue')}
                />{' '}
                {t('transferToQueue')}
              </label>
              <label>
                <input
                  type="radio"
                  name="transfer-kind"
                  checked={kind === 'agent'}
                  onChange={() => setKind('agent')}
                />{' '}
                {t('transferToAgent')}
              </label>
            </fieldset>
            {kind === 'queue' ? (
              <>
                <label for="transfer-queue">{t('queueName')}</label>
                <input
                  id="transfer-queue"
                  list="transfer-queues"
                  value={queue}
                  required
                  onInput={(e) => setQueue(e.currentTarget.value)}
                />
                <datalist id="transfer-queues">
                  {queues.map((q) => (
                    <option key={q} value={q} />
                  ))}
                </datalist>
              </>
            ) : (
              <>
                <label for="transfer-agent">{t('agentId')}</label>
                {agents.length > 0 ? (
                  <select
                    id="transfer-agent"
                    value={agentId}
                    required
                    onChange={(e) => setAgentId(e.currentTarget.value)}
                  >
                    <option value="">—</option>
                    {agents.map((a) => (
                      <option key={a.id} value={a.id}>
                        {a.displayName}
                      </option>
                    ))}
                  </select>
                ) : (
                  <input
                    id="transfer-agent"
                    value={agentId}
                    required
                    onInput={(e) => setAgentId(e.currentTarget.value)}
                  />
                )}
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
              <button type="button" onClick={() => setDialog(null)}>
                {t('cancel')}
              </button>
              <button type="submit" class="primary">
                {t('confirm')}
              </button>
            </div>
          </form>
        </Dialog>
      ) : null}

      {dialog === 'end' ? (
        <Dialog title={t('end')} onClose={() => setDialog(null)}>
          <p>{t('endConfirm')}</p>
          <div class="dialog-buttons">
            <button type="button" onClick={() => setDialog(null)}>
              {t('cancel')}
            </button>
            <button
              type="button"
              class="primary danger"
              onClick={() => {
                session.end(id, 'resolved');
                setDialog(null);
              }}
            >
              {t('confirm')}
            </button>
          </div>
        </Dialog>
      ) : null}
    </div>
  );
}

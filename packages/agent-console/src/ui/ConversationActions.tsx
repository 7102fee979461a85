import { useEffect, useState } from 'preact/hooks';
import { pickLocale, translator } from '../i18n';
import type { ConsoleSession } from '../session/session';
import type { ConversationView } from '../session/state';
import { CallStart } from './CallStart';
import { ConsultDialog } from './chat-actions/ConsultDialog';
import { SlotsDialog } from './chat-actions/SlotsDialog';
import { TransferDialog } from './chat-actions/TransferDialog';
import { WrapUpDialog } from './chat-actions/WrapUpDialog';
import { useConsole, useSessionState } from './context';
import { defaultSurvey } from './offers';

export interface ConversationActionsProps {
  session: ConsoleSession;
  view: ConversationView;
  /** Queues the agent may transfer to (until the server's list arrives). */
  queues: readonly string[];
  agents: readonly { id: string; displayName: string }[];
}

type OpenDialog = 'transfer' | 'end' | 'slots' | 'consult' | null;

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

/**
 * What the agent can do in the conversation, as the server allows it (`actions.available`):
 * offer slots, a call, the survey; transfer, consult, wrap up and end; return to the bot;
 * export. A host's `offers` mount option still adds its own appointment and call sources.
 */
export function ConversationActions({ session, view, queues }: ConversationActionsProps) {
  const { t, offers } = useConsole();
  const state = useSessionState(session);
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const [exportError, setExportError] = useState(false);
  const id = view.conversationId;
  const actions = state.chat?.available[id];
  const patientT = translator(pickLocale([view.request.patient.locale]));
  // Asked when shown, and again whenever a dialog opens (slots, presence and load move).
  useEffect(() => session.listActions(id), [session, id]);
  const open = (next: Exclude<OpenDialog, null>) => {
    session.listActions(id);
    setDialog(next);
  };
  const close = () => setDialog(null);

  return (
    <div class="actions" role="toolbar" aria-label={t('actions')}>
      {actions?.appointment ? (
        <button type="button" onClick={() => open('slots')}>
          {t('offerAppointment')}
        </button>
      ) : offers.appointment ? (
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
        onClick={() => session.offerSurvey(id, (offers.survey ?? defaultSurvey)(patientT))}
      >
        {t('offerSurvey')}
      </button>
      <button type="button" onClick={() => open('transfer')}>
        {t('transfer')}
      </button>
      <button type="button" onClick={() => open('consult')} disabled={!actions}>
        {t('consult')}
      </button>
      <button type="button" onClick={() => session.returnToBot(id)}>
        {t('returnToBot')}
      </button>
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
      <button type="button" class="end-button" onClick={() => open('end')}>
        {t('end')}
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
        <TransferDialog
          session={session}
          conversationId={id}
          actions={actions?.transfer ?? { agents: [], queues: [...queues] }}
          onClose={close}
        />
      ) : null}
      {dialog === 'slots' && actions?.appointment ? (
        <SlotsDialog
          session={session}
          conversationId={id}
          slots={actions.appointment.slots}
          onClose={close}
        />
      ) : null}
      {dialog === 'consult' && actions ? (
        <ConsultDialog
          session={session}
          conversationId={id}
          agents={actions.consult.agents}
          onClose={close}
        />
      ) : null}
      {dialog === 'end' ? (
        <WrapUpDialog
          session={session}
          conversationId={id}
          wrapUp={actions?.wrapUp}
          onClose={close}
        />
      ) : null}
    </div>
  );
}

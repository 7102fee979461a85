import { useEffect } from 'preact/hooks';
import type { ConsoleSession } from '../session/session';
import { type ConversationView, isClosed } from '../session/state';
import { ConversationFiles } from './attachments/ConversationFiles';
import { BotTranscript } from './BotTranscript';
import { ChatLog } from './ChatLog';
import { ClosedNotice } from './ClosedNotice';
import { Composer } from './Composer';
import { ConversationActions } from './ConversationActions';
import { ConsultThreadView } from './chat-actions/ConsultThreadView';
import { AssistPanel } from './content/AssistPanel';
import { Tabs } from './content/SideTabs';
import { useConsole, useSessionState } from './context';
import { stateLabel } from './labels';
import { PatientContext } from './PatientContext';
import { PatientHistory } from './PatientHistory';

export interface ConversationPaneProps {
  session: ConsoleSession;
  view: ConversationView;
  queues: readonly string[];
  agents: readonly { id: string; displayName: string }[];
}

/**
 * One conversation: context beside the log, which starts with the bot conversation before the
 * handoff (as the patient lived it) and goes on with the live chat; composer and actions.
 */
export function ConversationPane({ session, view, queues, agents }: ConversationPaneProps) {
  const { t } = useConsole();
  const closed = isClosed(view);
  const id = view.conversationId;
  const name = view.request.patient.displayName;
  const consults = (useSessionState(session).chat?.consults ?? []).filter(
    (thread) => thread.conversationId === id && thread.role === 'holder',
  );

  // Shown means read: report patient messages as read while this pane is displayed.
  useEffect(() => {
    if (!closed) session.markRead(id);
  }, [session, id, view.items.length, closed]);

  return (
    <section class="conversation" aria-labelledby={`conversation-title-${id}`}>
      <header class="conversation-header">
        <h2 id={`conversation-title-${id}`}>{t('conversationWith', { name })}</h2>
        {view.request.statedByPatient?.displayName ? (
          <p class="stated-name">
            <span class="badge stated">{t('statedByPatient')}</span>
            {t('statedName', { name: view.request.statedByPatient.displayName })}
          </p>
        ) : null}
        <span class={`state state-${view.state}`}>{stateLabel(t, view.state)}</span>
      </header>
      {view.transferredFrom ? (
        <p class="muted">{t('transferredFrom', { name: view.transferredFrom.displayName })}</p>
      ) : null}
      {view.transferNote ? (
        <div class="transfer-note">
          <p class="badge note">{t('transferNote')}</p>
          <p>{view.transferNote}</p>
        </div>
      ) : null}
      <div class="conversation-body">
        <aside class="conversation-side">
          <Tabs
            label={t('sideTabsLabel')}
            idPrefix={`side-${id}`}
            tabs={[
              {
                id: 'context',
                label: t('sideContext'),
                render: () => (
                  <>
                    <PatientContext request={view.request} />
                    <ConversationFiles view={view} attachments={session.attachments} />
                    <PatientHistory session={session} conversationId={id} />
                  </>
                ),
              },
              {
                id: 'assist',
                label: t('sideAssist'),
                render: () => <AssistPanel session={session} view={view} />,
              },
            ]}
          />
        </aside>
        <div class="conversation-main">
          {/* The conversation's actions above its log, where they show in every layout. */}
          {closed ? null : (
            <ConversationActions session={session} view={view} queues={queues} agents={agents} />
          )}
          <ChatLog
            view={view}
            attachments={session.attachments}
            before={<BotTranscript transcript={view.request.transcript} />}
          />
          {closed ? (
            <ClosedNotice session={session} view={view} />
          ) : (
            <>
              <Composer session={session} conversationId={id} disabled={closed} />
              {consults.map((thread) => (
                <ConsultThreadView key={thread.consultantId} session={session} thread={thread} />
              ))}
            </>
          )}
        </div>
      </div>
    </section>
  );
}

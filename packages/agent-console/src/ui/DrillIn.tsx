import type { AgentInfo, AgentStatus } from '@baton/handoff-protocol';
import { useState } from 'preact/hooks';
import type { DrillIn as DrillInState } from '../session/drill-in';
import type { ConsoleSession } from '../session/session';
import { CLOSED_STATES } from '../session/state';

/** Not over: waiting for an agent (a console's "closed" set counts these as not hers). */
const WAITING_STATES: ReadonlySet<string> = new Set(['handoff_requested', 'queued']);

import { BotTranscript } from './BotTranscript';
import { ChatLog } from './ChatLog';
import { useConsole } from './context';
import { stateLabel } from './labels';
import { PatientContext } from './PatientContext';

/** One text field and its button: a whisper or, after barging in, a message to the patient. */
function LineForm({
  id,
  label,
  button,
  onSend,
}: {
  id: string;
  label: string;
  button: string;
  onSend: (text: string) => void;
}) {
  const [text, setText] = useState('');
  return (
    <form
      class="line-form"
      onSubmit={(event) => {
        event.preventDefault();
        const value = text.trim();
        if (!value) return;
        onSend(value);
        setText('');
      }}
    >
      <label for={id}>{label}</label>
      <input
        id={id}
        value={text}
        maxLength={4000}
        onInput={(e) => setText(e.currentTarget.value)}
      />
      <button type="submit">{button}</button>
    </form>
  );
}

/**
 * A live conversation opened from the dashboard: read-only (the server audits the opening),
 * with the supervisor's actions: whisper to the agent, barge in (then write to the patient),
 * reassign to another available agent, or take over (a supervisor who is an agent).
 */
export function DrillIn({
  session,
  drill,
  agents,
  staffId,
  canTakeOver,
  holder,
}: {
  session: ConsoleSession;
  drill: DrillInState;
  /** Who holds it now, from the dashboard's row. */
  holder?: AgentInfo | undefined;
  agents: readonly AgentStatus[];
  staffId: string;
  canTakeOver: boolean;
}) {
  const { t } = useConsole();
  const [target, setTarget] = useState('');
  const { view, conversationId: id } = drill;
  const close = (
    <button type="button" class="drill-close" onClick={() => session.closeDrillIn()}>
      {t('drillClose')}
    </button>
  );
  if (!view) {
    return (
      <section class="drill-in" aria-busy="true" aria-label={t('drillLoading')}>
        <p role="status">{t('drillLoading')}</p>
        {close}
      </section>
    );
  }
  const name = view.request.patient.displayName;
  const live = view.state === 'assigned';
  const holderId = holder?.id ?? view.agent?.id;
  const others = agents.filter(
    (a) => a.agent.id !== holderId && a.agent.id !== staffId && a.presence === 'available',
  );
  return (
    <section class="drill-in" aria-labelledby={`drill-title-${id}`} data-conversation-id={id}>
      <header class="conversation-header">
        <h3 id={`drill-title-${id}`}>{t('drillTitle', { name })}</h3>
        <span class={`state state-${view.state}`}>{stateLabel(t, view.state)}</span>
        {close}
      </header>
      {holder ? <p>{t('drillHeldBy', { name: holder.displayName })}</p> : null}
      <p class="muted">{t('drillReadOnly')}</p>
      <div class="conversation-body">
        <aside class="conversation-side">
          <PatientContext request={view.request} />
        </aside>
        <div class="conversation-main">
          {/* As in the agent's view: the log opens with what the patient said to the bot. */}
          <ChatLog
            view={view}
            attachments={session.attachments}
            before={<BotTranscript transcript={view.request.transcript} />}
          />
          {WAITING_STATES.has(view.state) ? (
            <p role="status">{t('drillWaiting')}</p>
          ) : CLOSED_STATES.has(view.state) && !live ? (
            <p role="status">{t('drillEnded')}</p>
          ) : null}
          {live ? (
            <section class="supervisor-actions" aria-label={t('supervisorActions')}>
              <LineForm
                id={`whisper-${id}`}
                label={t('whisperLabel')}
                button={t('whisperSend')}
                onSend={(text) => session.whisper(id, text)}
              />
              {drill.barged ? (
                <>
                  <p role="status">{t('bargeDone')}</p>
                  <LineForm
                    id={`supervisor-message-${id}`}
                    label={t('supervisorMessageLabel')}
                    button={t('supervisorSend')}
                    onSend={(text) => session.sendMessage(id, text)}
                  />
                </>
              ) : (
                <button type="button" onClick={() => session.barge(id)}>
                  {t('barge')}
                </button>
              )}
              <form
                class="line-form"
                onSubmit={(event) => {
                  event.preventDefault();
                  if (target) session.transfer(id, { kind: 'agent', agentId: target });
                }}
              >
                <label for={`reassign-${id}`}>{t('reassignLabel')}</label>
                <select
                  id={`reassign-${id}`}
                  value={target}
                  onChange={(e) => setTarget(e.currentTarget.value)}
                >
                  <option value="">{others.length ? '—' : t('noOtherAgent')}</option>
                  {others.map((a) => (
                    <option key={a.agent.id} value={a.agent.id}>
                      {a.agent.displayName}
                    </option>
                  ))}
                </select>
                <button type="submit" disabled={!target}>
                  {t('reassign')}
                </button>
              </form>
              {canTakeOver && holderId !== staffId ? (
                <button
                  type="button"
                  onClick={() => session.transfer(id, { kind: 'agent', agentId: staffId })}
                >
                  {t('takeOver')}
                </button>
              ) : null}
            </section>
          ) : null}
        </div>
      </div>
    </section>
  );
}

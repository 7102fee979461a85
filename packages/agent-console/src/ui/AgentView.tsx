import { useEffect, useRef, useState } from 'preact/hooks';
import type { ConsoleSession } from '../session/session';
import type { ConsoleState } from '../session/state';
import { isClosed } from '../session/state';
import { ConversationPane } from './ConversationPane';
import { ConsultInbox } from './chat-actions/ConsultInbox';
import { useConsole } from './context';
import { QueueList } from './QueueList';
import { useAgentShortcuts } from './shortcuts/keyboard';
import { ShortcutsDialog } from './shortcuts/ShortcutsDialog';

export interface AgentViewProps {
  session: ConsoleSession;
  state: ConsoleState;
}

/**
 * A conversation just opened (accepted: its Accept button is gone and focus with it): once
 * focus has fallen back to the page, the reply box takes it, which also scrolls it into view
 * at 1280x720. Focus the agent put elsewhere is left alone.
 */
function useReplyFocusOnOpen(activeId: string | null | undefined): void {
  const pending = useRef<string | null | undefined>(undefined);
  const last = useRef(activeId);
  if (last.current !== activeId) {
    last.current = activeId;
    pending.current = activeId;
  }
  useEffect(() => {
    if (!pending.current) return;
    const focused = document.activeElement;
    const reply = document.querySelector<HTMLTextAreaElement>('.workspace textarea');
    if (focused && focused !== document.body) {
      // She is already working in the conversation, or went elsewhere on purpose.
      if (focused.closest('.workspace, dialog, [role=dialog]')) pending.current = undefined;
      return;
    }
    pending.current = undefined;
    reply?.focus();
    reply?.scrollIntoView?.({ block: 'nearest' });
  });
}

/** Queue on one side; the agent's conversations as tabs, the selected one in full. */
export function AgentView({ session, state }: AgentViewProps) {
  const { t } = useConsole();
  const active = state.conversations.find((c) => c.conversationId === state.activeConversationId);
  const queues = [
    ...new Set([
      ...state.profile.queues,
      ...state.queue.map((i) => i.queue),
      ...(state.supervisor?.conversations.flatMap((c) => (c.queue ? [c.queue] : [])) ?? []),
    ]),
  ];
  const agents = (state.supervisor?.agents ?? [])
    .map((a) => a.agent)
    .filter((a) => a.id !== state.profile.staffId);
  const consults = state.chat?.consults ?? [];
  const consultInWorkspace =
    !active && consults.some((c) => c.role === 'consultant' && c.transcript);
  useReplyFocusOnOpen(state.activeConversationId);
  const [listOpen, setListOpen] = useState(false);
  const [said, setSaid] = useState('');
  useAgentShortcuts({
    acceptNext: () => {
      const next = state.queue[0];
      if (next && state.presence === 'available') session.claim(next.conversationId);
      else setSaid(next ? t('claimNeedsAvailable') : t('shortcutNobodyWaiting'));
    },
    cycle: (step) => {
      const ids = state.conversations.map((c) => c.conversationId);
      if (ids.length === 0) return;
      const at = ids.indexOf(state.activeConversationId ?? '');
      session.select(ids[(at + step + ids.length) % ids.length]!);
    },
    focusReply: () => document.querySelector<HTMLTextAreaElement>('.workspace textarea')?.focus(),
    showList: () => setListOpen(true),
  });

  return (
    <div class="agent-view">
      <QueueList
        items={state.queue}
        canClaim={state.presence === 'available'}
        onClaim={(id) => session.claim(id)}
      />
      {consultInWorkspace ? null : <ConsultInbox session={session} threads={consults} />}
      <div class="workspace">
        <nav aria-label={t('myConversations')}>
          <h2 class="vh">{t('myConversations')}</h2>
          <p class="vh" role="status">
            {said}
          </p>
          {state.conversations.length > 0 ? (
            <ul class="tabs">
              {state.conversations.map((c) => (
                <li key={c.conversationId}>
                  <button
                    type="button"
                    class={`tab${isClosed(c) ? ' closed' : ''}`}
                    aria-current={
                      c.conversationId === state.activeConversationId ? 'page' : undefined
                    }
                    onClick={() => session.select(c.conversationId)}
                  >
                    {c.request.patient.displayName}
                    {c.request.priority === 'emergency' ? (
                      <span class="badge emergency">{t('emergency')}</span>
                    ) : null}
                    {c.unread > 0 ? <span class="badge unread">{c.unread}</span> : null}
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
          <button type="button" class="shortcuts-open" onClick={() => setListOpen(true)}>
            {t('shortcutsButton')} <kbd>?</kbd>
          </button>
        </nav>
        {active ? (
          <ConversationPane
            key={active.conversationId}
            session={session}
            view={active}
            queues={queues}
            agents={agents}
          />
        ) : consultInWorkspace ? (
          // Nothing of her own open: the colleague's conversation she reads gets the room.
          <ConsultInbox session={session} threads={consults} />
        ) : (
          <p class="muted empty">{t('noConversation')}</p>
        )}
      </div>
      {listOpen ? <ShortcutsDialog onClose={() => setListOpen(false)} /> : null}
    </div>
  );
}

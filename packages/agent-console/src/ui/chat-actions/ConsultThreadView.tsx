import { useEffect, useState } from 'preact/hooks';
import type { ConsultThread } from '../../session/chat-actions-state';
import type { ConsoleSession } from '../../session/session';
import { useConsole } from '../context';
import { formatTime } from '../format';

export interface ConsultThreadViewProps {
  session: ConsoleSession;
  thread: ConsultThread;
}

/** A staff-only consultation thread: its lines and a reply box. Never shown to the patient. */
export function ConsultThreadView({ session, thread }: ConsultThreadViewProps) {
  const { t, locale } = useConsole();
  const [text, setText] = useState('');
  const name = thread.peer?.displayName ?? thread.consultantId;
  const id = `consult-${thread.conversationId}-${thread.consultantId}`;
  // Shown means seen.
  useEffect(() => {
    if (thread.unseen > 0) session.seeConsult(thread.conversationId, thread.consultantId);
  }, [session, thread.unseen, thread.conversationId, thread.consultantId]);
  const submit = (event: Event) => {
    event.preventDefault();
    const body = text.trim();
    if (!body) return;
    session.sendConsultMessage(thread.conversationId, thread.consultantId, body);
    setText('');
  };
  return (
    <section class="consult-thread" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>
        <span class="badge note">{t('consultThreadLabel')}</span>{' '}
        {t('consultThreadTitle', { name })}
      </h3>
      <ol class="consult-lines" aria-live="polite">
        {thread.lines.map((line) => (
          <li key={line.key} class={line.mine ? 'mine' : undefined}>
            <strong>{line.author.displayName}</strong>{' '}
            <time class="muted" dateTime={line.at}>
              {formatTime(locale, line.at)}
            </time>
            <p>{line.text}</p>
          </li>
        ))}
      </ol>
      <form class="consult-reply" onSubmit={submit}>
        <label for={`${id}-reply`}>{t('consultReply', { name })}</label>
        <textarea
          id={`${id}-reply`}
          rows={2}
          maxLength={4000}
          value={text}
          onInput={(e) => setText(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey) submit(e);
          }}
        />
        <button type="submit" disabled={!text.trim()}>
          {t('consultSend')}
        </button>
      </form>
    </section>
  );
}

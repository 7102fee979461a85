import type { ConsoleSession } from '../session/session';
import { BotTranscript } from './BotTranscript';
import { useConsole, useSessionState } from './context';
import { Dialog } from './Dialog';
import { formatTime } from './format';
import { partyLabel, stateLabel } from './labels';
import { RichText } from './RichText';

function formatDate(locale: string, iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/**
 * The patient's earlier conversations with Baton, listed on demand and opened read-only in a
 * dialog. Listing and every opening are audited by the server.
 */
export function PatientHistory({
  session,
  conversationId,
}: {
  session: ConsoleSession;
  conversationId: string;
}) {
  const { t, locale } = useConsole();
  const history = useSessionState(session).history;
  const mine = history?.conversationId === conversationId ? history : undefined;
  const opened = mine?.opened;
  return (
    <section class="patient-history" aria-labelledby={`history-title-${conversationId}`}>
      <h3 id={`history-title-${conversationId}`}>{t('historyTitle')}</h3>
      {mine ? (
        mine.conversations.length === 0 ? (
          <p class="muted">{t('historyEmpty')}</p>
        ) : (
          <ul class="history-list">
            {mine.conversations.map((past) => (
              <li key={past.conversationId}>
                <button
                  type="button"
                  onClick={() => session.openHistory(conversationId, past.conversationId)}
                >
                  {formatDate(locale, past.createdAt)}
                </button>{' '}
                <span class="muted">{stateLabel(t, past.state)}</span>
              </li>
            ))}
          </ul>
        )
      ) : (
        <button type="button" onClick={() => session.requestHistory(conversationId)}>
          {t('historyShow')}
        </button>
      )}
      {opened ? (
        <Dialog
          title={t('historyDialog', {
            date: formatDate(
              locale,
              mine?.conversations.find((c) => c.conversationId === opened.pastConversationId)
                ?.createdAt ?? '',
            ),
          })}
          onClose={() => session.closeHistory()}
        >
          <p class="muted">{t('historyReadOnly')}</p>
          <div class="history-body">
            <BotTranscript transcript={opened.request.transcript} />
            <ol class="entries">
              {opened.log
                .filter((entry) => entry.kind === 'message' && entry.text)
                .map((entry) => (
                  <li key={entry.seq} class={`entry from-${entry.from}`}>
                    <p class="meta">
                      <span class="who">
                        {entry.author?.displayName ?? partyLabel(t, entry.from)}
                      </span>{' '}
                      <time dateTime={entry.at}>{formatTime(locale, entry.at)}</time>
                    </p>
                    <RichText text={entry.text ?? ''} format={entry.textFormat} />
                  </li>
                ))}
            </ol>
          </div>
          <button type="button" class="primary" onClick={() => session.closeHistory()}>
            {t('historyClose')}
          </button>
        </Dialog>
      ) : null}
    </section>
  );
}

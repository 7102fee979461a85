import type { ConversationState } from '@baton/handoff-protocol';
import type { Translate } from '../../i18n';
import type { ConsultThread } from '../../session/chat-actions-state';
import type { ConsoleSession } from '../../session/session';
import { AttachmentView } from '../attachments/AttachmentView';
import { BotTranscript } from '../BotTranscript';
import { useConsole } from '../context';
import { partyLabel, priorityLabel } from '../labels';
import { RichText } from '../RichText';
import { ConsultThreadView } from './ConsultThreadView';

/** Why the read-only view stopped: ended, or the conversation left its agent. */
function consultClosedText(t: Translate, to: ConversationState): string {
  return to === 'ended' || to === 'abandoned' || to === 'expired' || to === 'failed'
    ? t('consultConversationEnded')
    : t('consultConversationLeftAgent');
}

export interface ConsultInboxProps {
  session: ConsoleSession;
  threads: readonly ConsultThread[];
}

/** Consultations colleagues asked this agent for: read the conversation, answer in the thread. */
export function ConsultInbox({ session, threads }: ConsultInboxProps) {
  const { t } = useConsole();
  const mine = threads.filter((thread) => thread.role === 'consultant');
  if (mine.length === 0) return null;
  return (
    <section class="consult-inbox" aria-labelledby="consult-inbox-title">
      <h2 id="consult-inbox-title">{t('consultationsTitle')}</h2>
      {mine.map((thread) => (
        <article key={thread.conversationId} class="consult-card">
          <p>
            {t('consultAskedBy', { name: thread.peer?.displayName ?? '—' })}
            {thread.priority && thread.priority !== 'routine' ? (
              <span class={`badge ${thread.priority}`}>{priorityLabel(t, thread.priority)}</span>
            ) : null}
            {thread.queue ? <span class="badge">{thread.queue}</span> : null}
          </p>
          {thread.transcript ? (
            <div class="consult-readonly">
              <p class="muted">{t('consultReadOnly')}</p>
              <BotTranscript transcript={thread.transcript.request.transcript} />
              <h3 id={`consult-live-${thread.conversationId}`}>{t('consultSinceOpened')}</h3>
              <ol
                class="consult-log"
                aria-live="polite"
                aria-labelledby={`consult-live-${thread.conversationId}`}
              >
                {thread.transcript.log.flatMap((entry) =>
                  entry.kind === 'message' && (entry.text || entry.attachment) ? (
                    <li key={entry.seq}>
                      <strong>{partyLabel(t, entry.from)}</strong>
                      {/* Rendered as the holder and the patient see it (markdown, inert). */}
                      {entry.text ? <RichText text={entry.text} format={entry.textFormat} /> : null}
                      {entry.attachment ? (
                        // Read-only: opening it is audited as a consultant's disclosure.
                        <AttachmentView
                          attachments={session.attachments}
                          attachment={entry.attachment}
                          who={partyLabel(t, entry.from)}
                        />
                      ) : null}
                    </li>
                  ) : (
                    []
                  ),
                )}
              </ol>
              {/* Always in the page: a status region announces the line when it appears. */}
              <p role="status" class="consult-closed">
                {thread.closed ? consultClosedText(t, thread.closed.to) : null}
              </p>
            </div>
          ) : (
            <button type="button" onClick={() => session.openConsult(thread.conversationId)}>
              {t('consultRead')}
            </button>
          )}
          <ConsultThreadView session={session} thread={thread} />
        </article>
      ))}
    </section>
  );
}

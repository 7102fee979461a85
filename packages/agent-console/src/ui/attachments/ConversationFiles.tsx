import type { ConsoleAttachments } from '../../session/attachments';
import type { ConversationView } from '../../session/state';
import { useConsole } from '../context';
import { formatTime } from '../format';
import { AttachmentView } from './AttachmentView';

/** The patient panel's list of every file shared in this conversation, oldest first. */
export function ConversationFiles({
  view,
  attachments,
}: {
  view: ConversationView;
  attachments: ConsoleAttachments;
}) {
  const { t, locale } = useConsole();
  const files = view.items.filter((item) => item.attachment !== undefined);
  const id = `files-${view.conversationId}`;
  const patient = view.request.patient.displayName;
  return (
    <section class="conversation-files" aria-labelledby={id}>
      <h3 id={id}>{t('attachmentsTitle')}</h3>
      {files.length === 0 ? (
        <p class="muted">{t('attachmentsNone')}</p>
      ) : (
        <ul>
          {files.map((item) => {
            const who = item.from === 'patient' ? patient : (item.author?.displayName ?? t('you'));
            return (
              <li key={item.key}>
                <p class="muted">
                  {who} · <time dateTime={item.at}>{formatTime(locale, item.at)}</time>
                </p>
                <AttachmentView attachments={attachments} attachment={item.attachment!} who={who} />
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

import type { ComponentChildren } from 'preact';
import { useRef } from 'preact/hooks';
import type { ConsoleAttachments } from '../session/attachments';
import type { ChatItem, ConversationView } from '../session/state';
import { AttachmentView } from './attachments/AttachmentView';
import { useConsole } from './context';
import { formatDateTime, formatTime } from './format';
import { errorReason, eventLabel, partyLabel } from './labels';
import { RichText } from './RichText';
import { useStickToBottom } from './stick-to-bottom';

function DeliveryState({ item, readUpTo }: { item: ChatItem; readUpTo: number }) {
  const { t } = useConsole();
  if (item.kind !== 'message' || !item.delivery) return null;
  switch (item.delivery) {
    case 'sending':
      return <span class="delivery sending">{t('sending')}</span>;
    case 'acked':
      return (
        <span class="delivery acked" data-seq={item.seq}>
          {item.seq !== undefined && item.seq <= readUpTo ? t('read') : t('sent')}
        </span>
      );
    case 'failed':
      return (
        <span class="delivery failed">
          {t('failed', { reason: errorReason(t, item.failure ?? 'internal') })}
        </span>
      );
    default: {
      const never: never = item.delivery;
      return never;
    }
  }
}

/** Events shown with who they are about: after a transfer, which agent joined or left. */
const NAMED_EVENTS = new Set(['supervisor.joined', 'agent.joined', 'agent.left']);

/** A line this console sent (its client message id is known here). */
const isMine = (item: ChatItem) => item.clientMessageId !== undefined && item.from === 'agent';

/** The live chat: messages, internal notes (marked, never sent to the patient) and events. */
export function ChatLog({
  view,
  attachments,
  before,
}: {
  view: ConversationView;
  /** Shared files are shown through the session (bytes fetched with the staff token). */
  attachments?: ConsoleAttachments;
  /** Shown at the top of the log, above the live chat (the bot conversation before the handoff). */
  before?: ComponentChildren;
}) {
  const { t, locale } = useConsole();
  const ref = useRef<HTMLDivElement>(null);
  const name = view.request.patient.displayName;
  const newest = view.items[view.items.length - 1];
  useStickToBottom(ref, newest && isMine(newest) ? newest.key : undefined);

  return (
    <div class="chat">
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling log must be reachable by keyboard (WCAG 2.1.1, axe scrollable-region-focusable) */}
      <div ref={ref} class="chat-log" role="log" aria-label={t('chatLog', { name })} tabIndex={0}>
        {before}
        <ol class="chat-items">
          {view.items.map((item) => {
            const time = <time dateTime={item.at}>{formatTime(locale, item.at)}</time>;
            if (item.kind === 'event') {
              return (
                <li key={item.key} class="chat-event">
                  {eventLabel(t, item.event)}
                  {item.author && NAMED_EVENTS.has(item.event ?? '')
                    ? ` (${item.author.displayName})`
                    : ''}
                  {item.appointmentStart ? (
                    <>
                      {': '}
                      <time dateTime={item.appointmentStart}>
                        {formatDateTime(locale, item.appointmentStart)}
                      </time>
                    </>
                  ) : null}{' '}
                  · {time}
                </li>
              );
            }
            const mine = isMine(item);
            const who =
              item.from === 'patient'
                ? name
                : mine
                  ? t('you')
                  : (item.author?.displayName ?? partyLabel(t, item.from));
            return (
              <li
                key={item.key}
                class={`chat-item ${item.kind} from-${item.from}${mine ? ' mine' : ''}`}
                data-seq={item.seq}
              >
                <p class="meta">
                  <span class="who">{who}</span> {time}
                  {item.kind === 'note' ? (
                    <span class={`badge note${item.whisper ? ' whisper' : ''}`}>
                      {item.whisper ? t('whisperBadge') : t('noteLabel')}
                    </span>
                  ) : null}
                </p>
                {item.attachment && attachments ? (
                  <AttachmentView
                    attachments={attachments}
                    attachment={item.attachment}
                    who={who}
                  />
                ) : null}
                {item.text !== undefined || !item.attachment ? (
                  <RichText text={item.text ?? ''} format={item.textFormat} />
                ) : null}
                <DeliveryState item={item} readUpTo={view.patientReadUpToSeq} />
              </li>
            );
          })}
        </ol>
      </div>
      <p class="typing" role="status">
        {view.patientTyping ? t('patientTyping', { name }) : ''}
      </p>
    </div>
  );
}

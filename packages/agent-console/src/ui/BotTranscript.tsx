import type { Transcript } from '@baton/handoff-protocol';
import { CardView } from './cards/CardView';
import { useConsole } from './context';
import { formatTime } from './format';
import { partyLabel, transcriptText } from './labels';
import { RichText } from './RichText';

/**
 * The bot conversation before the handoff: markdown through the widget's inert renderer (never
 * HTML), cards as cards (read-only; see `cards/`).
 */
export function BotTranscript({ transcript }: { transcript: Transcript }) {
  const { t, locale } = useConsole();
  return (
    <details class="bot-transcript" open>
      <summary>{t('botTranscript')}</summary>
      {transcript.truncated ? (
        <p class="muted">
          {t('transcriptTruncated', { count: transcript.truncated.omittedEntries })}
        </p>
      ) : null}
      {transcript.entries.length === 0 ? (
        <p class="muted">{t('transcriptEmpty')}</p>
      ) : (
        <ol class="entries">
          {transcript.entries.map((entry) => (
            <li key={entry.id} class={`entry from-${entry.from}`}>
              <p class="meta">
                <span class="who">{partyLabel(t, entry.from)}</span>{' '}
                <time dateTime={entry.at}>{formatTime(locale, entry.at)}</time>
              </p>
              {entry.text ? (
                <RichText text={transcriptText(t, entry) ?? ''} format={entry.textFormat} />
              ) : null}
              {entry.cards?.map((card, index) => (
                <CardView card={card} key={`card-${index}`} />
              ))}
              {entry.attachments?.map((attachment, index) => (
                <p class="muted" key={`att-${index}`}>
                  {t('attachment')}: {attachment.name ?? attachment.contentType}
                </p>
              ))}
              {entry.suggestedActions?.length ? (
                <p class="muted">
                  {t('suggested')}: {entry.suggestedActions.map((a) => a.title).join(' · ')}
                </p>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </details>
  );
}

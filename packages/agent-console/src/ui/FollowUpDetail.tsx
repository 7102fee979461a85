import type { FollowUpItem } from '@baton/handoff-protocol';
import { useState } from 'preact/hooks';
import type { ConsoleSession } from '../session/session';
import type { FollowUpTranscript } from '../session/worklist-state';
import { useConsole } from './context';
import { formatDateTime, formatTime } from './format';
import { eventLabel, partyLabel, transcriptText } from './labels';
import { followUpAsked, followUpKindLabel, followUpPatient } from './worklist-labels';

export interface FollowUpDetailProps {
  session: ConsoleSession;
  item: FollowUpItem | null;
  transcript: FollowUpTranscript | null;
  staffId: string;
}

/** One follow-up: what was asked, the conversation (read-only), and the close form. */
export function FollowUpDetail({ session, item, transcript, staffId }: FollowUpDetailProps) {
  const { t, locale } = useConsole();
  const [note, setNote] = useState('');
  if (!item) {
    return (
      <section class="followup-detail" aria-label={t('followupDetailEmpty')}>
        <p class="muted">{t('followupSelectHint')}</p>
      </section>
    );
  }
  const name = followUpPatient(t, item);
  const mine = item.status === 'claimed' && item.claimedBy?.id === staffId;
  const noteId = `followup-note-${item.id}`;
  return (
    <section class="followup-detail" aria-labelledby="followup-detail-title">
      <h2 id="followup-detail-title">{t('followupDetailTitle', { name })}</h2>
      <p>
        <strong>{followUpKindLabel(t, item.kind)}</strong>
      </p>
      <h3>{t('followupAsked')}</h3>
      {followUpAsked(t, item).map((line) => (
        <p key={line} class="followup-asked">
          {line}
        </p>
      ))}
      {item.status === 'closed' ? (
        <p class="followup-closed" role="status">
          {t('followupClosedNote', { note: item.outcomeNote ?? '' })}
        </p>
      ) : mine ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            const text = note.trim();
            if (!text) return;
            session.closeFollowUp(item.id, text);
            setNote('');
          }}
        >
          <label for={noteId}>{t('followupOutcome')}</label>
          <p class="muted" id={`${noteId}-hint`}>
            {t('followupOutcomeHint')}
          </p>
          <textarea
            id={noteId}
            aria-describedby={`${noteId}-hint`}
            maxLength={2000}
            required
            value={note}
            onInput={(e) => setNote(e.currentTarget.value)}
          />
          <div class="actions">
            <button type="submit" class="primary" disabled={note.trim().length === 0}>
              {t('followupClose')}
            </button>
          </div>
        </form>
      ) : item.status === 'claimed' ? (
        <p class="muted">{t('followupTakenBy', { name: item.claimedBy?.displayName ?? '' })}</p>
      ) : (
        <p class="muted">{t('followupClaimFirst')}</p>
      )}
      <h3>{t('followupTranscript')}</h3>
      {!transcript ? (
        <p class="muted" aria-busy="true">
          {t('followupTranscriptLoading')}
        </p>
      ) : (
        <ol class="entries" aria-label={t('chatLog', { name })}>
          {transcript.request.transcript.entries.map((entry) => (
            <li key={`b${entry.id}`}>
              <strong>{entry.from === 'patient' ? name : partyLabel(t, entry.from)}</strong>{' '}
              <time dateTime={entry.at}>{formatTime(locale, entry.at)}</time>
              {entry.text ? <span class="text"> — {transcriptText(t, entry)}</span> : null}
            </li>
          ))}
          {transcript.log.map((entry) => (
            <li key={`l${entry.seq}`}>
              <strong>
                {entry.from === 'patient'
                  ? name
                  : (entry.author?.displayName ?? partyLabel(t, entry.from))}
              </strong>{' '}
              <time dateTime={entry.at}>{formatTime(locale, entry.at)}</time>
              <span class="text">
                {' — '}
                {entry.kind === 'event' ? eventLabel(t, entry.event) : entry.text}
                {entry.appointmentStart ? (
                  <>
                    {': '}
                    <time class="appointment-time" dateTime={entry.appointmentStart}>
                      {formatDateTime(locale, entry.appointmentStart)}
                    </time>
                  </>
                ) : null}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

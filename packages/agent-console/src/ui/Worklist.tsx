import type { FollowUpItem } from '@baton/handoff-protocol';
import { useState } from 'preact/hooks';
import type { ConsoleSession } from '../session/session';
import type { WorklistState } from '../session/worklist-state';
import { useConsole, useNow } from './context';
import { FollowUpDetail } from './FollowUpDetail';
import { formatDuration, secondsSince } from './format';
import { priorityLabel } from './labels';
import { followUpAsked, followUpKindLabel, followUpPatient } from './worklist-labels';

export interface WorklistProps {
  session: ConsoleSession;
  worklist: WorklistState | null;
  staffId: string;
}

/**
 * The follow-up worklist: what patients left behind (messages, callback and appointment
 * requests) and handoffs nobody took, oldest first. Take one, read the conversation, close it
 * with an outcome note. Supervisors see every queue; agents their own.
 */
export function Worklist({ session, worklist, staffId }: WorklistProps) {
  const { t } = useConsole();
  const now = useNow(5000);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  if (!worklist) {
    return (
      <section class="worklist" aria-busy="true" aria-labelledby="worklist-title">
        <h2 id="worklist-title">{t('worklistTitle')}</h2>
        <p class="muted">{t('worklistLoading')}</p>
      </section>
    );
  }
  const { items, counts } = worklist;
  const selected =
    items.find((i) => i.id === selectedId) ??
    worklist.closedByMe.find((i) => i.id === selectedId) ??
    null;
  const view = (item: FollowUpItem) => {
    setSelectedId(item.id);
    if (!worklist.transcripts[item.conversationId])
      session.openFollowUp(item.id, item.conversationId);
  };
  return (
    <div class="worklist">
      <section aria-labelledby="worklist-title">
        <h2 id="worklist-title">
          {t('worklistTitle')} <span class="count">({items.length})</span>
        </h2>
        <dl class="worklist-counts">
          <div>
            <dt>{t('followupCountOpen')}</dt>
            <dd>{counts.open}</dd>
          </div>
          <div>
            <dt>{t('followupCountClaimed')}</dt>
            <dd>{counts.claimed}</dd>
          </div>
          <div>
            <dt>{t('followupCountOldest')}</dt>
            <dd>{formatDuration(t, counts.oldestOpenSeconds)}</dd>
          </div>
          <div>
            <dt>{t('followupCountClosedToday')}</dt>
            <dd>{counts.closedToday}</dd>
          </div>
        </dl>
        <p class="vh" role="status">
          {t('followupStatusLine', { open: counts.open, claimed: counts.claimed })}
        </p>
        {items.length === 0 ? (
          <p class="muted">{t('worklistEmpty')}</p>
        ) : (
          <ul class="followup-list">
            {items.map((item) => {
              const name = followUpPatient(t, item);
              const mine = item.claimedBy?.id === staffId;
              return (
                <li
                  key={item.id}
                  class={`followup priority-${item.priority}${item.id === selectedId ? ' selected' : ''}`}
                  data-followup-id={item.id}
                  data-status={item.status}
                >
                  <p class="followup-head">
                    <span class="patient-name">{name}</span>
                    <span class={`badge kind-${item.kind}`}>{followUpKindLabel(t, item.kind)}</span>
                    {item.priority !== 'routine' ? (
                      <span class={`badge ${item.priority}`}>
                        {priorityLabel(t, item.priority)}
                      </span>
                    ) : null}
                  </p>
                  {followUpAsked(t, item).map((line) => (
                    <p key={line} class="followup-asked">
                      {line}
                    </p>
                  ))}
                  <dl class="followup-meta">
                    <div>
                      <dt>{t('followupAge')}</dt>
                      <dd>{formatDuration(t, secondsSince(item.createdAt, now))}</dd>
                    </div>
                    <div>
                      <dt>{t('queue')}</dt>
                      <dd>{item.queue}</dd>
                    </div>
                    <div>
                      <dt>{t('priority')}</dt>
                      <dd>{priorityLabel(t, item.priority)}</dd>
                    </div>
                    <div>
                      <dt>{t('followupStatus')}</dt>
                      <dd>
                        {item.status === 'claimed'
                          ? mine
                            ? t('followupTakenByYou')
                            : t('followupTakenBy', { name: item.claimedBy?.displayName ?? '' })
                          : t('followupStatusOpen')}
                      </dd>
                    </div>
                  </dl>
                  <div class="actions">
                    {item.status === 'open' ? (
                      <button
                        type="button"
                        class="primary"
                        aria-label={t('followupClaimLabel', { name })}
                        onClick={() => {
                          session.claimFollowUp(item.id);
                          view(item);
                        }}
                      >
                        {t('followupClaim')}
                      </button>
                    ) : null}
                    <button
                      type="button"
                      aria-label={t('followupViewLabel', { name })}
                      aria-pressed={item.id === selectedId}
                      onClick={() => view(item)}
                    >
                      {t('followupView')}
                    </button>
                  </div>
                </li>
              );
            })}
          </ul>
        )}
      </section>
      <FollowUpDetail
        session={session}
        item={selected}
        transcript={selected ? (worklist.transcripts[selected.conversationId] ?? null) : null}
        staffId={staffId}
      />
    </div>
  );
}

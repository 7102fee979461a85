import type { QueueItem } from '@baton/handoff-protocol';
import { useConsole, useNow } from './context';
import { formatDuration, languageName, secondsSince } from './format';
import { priorityLabel, reasonLabel, triageLabel } from './labels';

export interface QueueListProps {
  items: readonly QueueItem[];
  canClaim: boolean;
  onClaim: (conversationId: string) => void;
}

/** Waiting patients, emergencies first. Each row has an Accept button (Enter or Space). */
export function QueueList({ items, canClaim, onClaim }: QueueListProps) {
  const { t, locale } = useConsole();
  const now = useNow();
  return (
    <section class="queue" aria-labelledby="queue-title">
      <h2 id="queue-title">
        {t('queueTitle')} <span class="count">({items.length})</span>
      </h2>
      {!canClaim ? <p class="muted">{t('claimNeedsAvailable')}</p> : null}
      {items.length === 0 ? (
        <p class="muted">{t('queueEmpty')}</p>
      ) : (
        <ul class="queue-list">
          {items.map((item) => {
            const wait = formatDuration(t, secondsSince(item.enqueuedAt, now));
            const priority = priorityLabel(t, item.priority);
            return (
              <li
                key={item.conversationId}
                class={`queue-item priority-${item.priority}`}
                data-conversation-id={item.conversationId}
              >
                <div class="queue-main">
                  <span class="patient-name">{item.patientDisplayName}</span>
                  {item.priority === 'emergency' ? (
                    <span class="badge emergency">{t('emergency')}</span>
                  ) : item.priority === 'urgent' ? (
                    <span class="badge urgent">{priority}</span>
                  ) : null}
                  {item.patientStatedName ? (
                    <span class="stated-name">
                      <span class="badge stated">{t('statedByPatient')}</span>
                      {t('statedName', { name: item.patientStatedName })}
                    </span>
                  ) : null}
                </div>
                <dl class="queue-meta">
                  <div>
                    <dt>{t('waited')}</dt>
                    <dd>{wait}</dd>
                  </div>
                  <div>
                    <dt>{t('priority')}</dt>
                    <dd>{priority}</dd>
                  </div>
                  {item.triage ? (
                    <div class="triage">
                      <dt>{t('triage')}</dt>
                      <dd>{triageLabel(t, item.triage.basis)}</dd>
                    </div>
                  ) : null}
                  <div>
                    <dt>{t('queue')}</dt>
                    <dd>{item.queue}</dd>
                  </div>
                  <div>
                    <dt>{t('queuePortalLanguage')}</dt>
                    <dd>{languageName(locale, item.locale)}</dd>
                  </div>
                  <div class="reason">
                    <dt>{t('reason')}</dt>
                    <dd>{reasonLabel(t, item.escalation)}</dd>
                  </div>
                </dl>
                <button
                  type="button"
                  class="primary"
                  disabled={!canClaim}
                  aria-label={t('acceptLabel', { name: item.patientDisplayName })}
                  onClick={() => onClaim(item.conversationId)}
                >
                  {t('accept')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

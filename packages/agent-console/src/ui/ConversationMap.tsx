import type { ConversationSummary } from '@baton/handoff-protocol';
import { useState } from 'preact/hooks';
import type { MessageKey, Translate } from '../i18n';
import { useConsole } from './context';
import { formatDuration, languageName } from './format';
import { ltr, REASONS } from './insights/figure-format';
import { priorityLabel, stateLabel } from './labels';
import {
  distinct,
  filterRows,
  MAP_STAGES,
  type MapFilter,
  type MapStage,
  NO_FILTER,
  rowSeconds,
  stageOf,
} from './map-rows';

const STAGE_LABEL: Record<MapStage, MessageKey> = {
  bot: 'stageBot',
  queued: 'stageQueued',
  agent: 'stageAgent',
  followup: 'stageFollowUp',
  ended: 'stageEnded',
};

function outcomeText(t: Translate, c: ConversationSummary): string {
  if (c.botOutcome === 'escalated' && c.escalation)
    return t('mapOutcomeEscalatedWhy', { why: t(REASONS[c.escalation] ?? 'reasonUnknown') });
  if (c.botOutcome) return t(`outcome_${c.botOutcome}`);
  // Nobody could take it (no one signed in, out of hours, the agent system refused): it is
  // not lost, it waits in the follow-up worklist.
  if (c.followUpOpen && (c.state === 'failed' || c.state === 'expired'))
    return t('mapOutcomeToWorklist');
  return c.endedAt ? stateLabel(t, c.state) : '';
}

function Row({
  c,
  now,
  onOpen,
}: {
  c: ConversationSummary;
  now: number;
  onOpen: (c: ConversationSummary) => void;
}) {
  const { t, locale } = useConsole();
  const stage = stageOf(c);
  const bot = c.state === 'bot';
  const name = c.patientDisplayName ?? (bot ? t('mapBotPatient') : t('mapPatientUnknown'));
  const canOpen = !bot;
  const outcome = outcomeText(t, c);
  return (
    <tr data-conversation-id={c.conversationId} data-stage={stage}>
      <td>{name}</td>
      <td>{t(STAGE_LABEL[stage])}</td>
      <td>
        {c.priority ? priorityLabel(t, c.priority) : t('notAvailable')}
        {c.priority === 'emergency' ? <span class="badge emergency">{t('emergency')}</span> : null}
      </td>
      <td>{c.queue ?? t('notAvailable')}</td>
      <td>{c.agent?.displayName ?? t('notAvailable')}</td>
      <td>{ltr(formatDuration(t, rowSeconds(c, now)))}</td>
      <td>
        <span class="map-outcome">
          {bot && c.locale ? (
            <span>{t('mapBotLanguage', { language: languageName(locale, c.locale) })}</span>
          ) : null}
          {bot && c.entryPath ? (
            <span>
              {t('mapBotPage')} <bdi dir="ltr">{c.entryPath}</bdi>
            </span>
          ) : null}
          {outcome ? <span class="badge outcome">{outcome}</span> : null}
        </span>
      </td>
      <td>
        {canOpen ? (
          <button
            type="button"
            aria-label={t('drillOpenLabel', { name })}
            onClick={() => onOpen(c)}
          >
            {t('drillOpen')}
          </button>
        ) : null}
      </td>
    </tr>
  );
}

function Select({
  id,
  label,
  value,
  options,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  options: readonly [string, string][];
  onChange: (value: string) => void;
}) {
  const { t } = useConsole();
  return (
    <label for={id}>
      <span>{label}</span>
      <select id={id} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        <option value="">{t('filterAll')}</option>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * Every conversation on one table, by stage (with the bot, waiting, with an agent, in the
 * follow-up worklist, recently ended), filterable by stage, queue, priority and agent, with
 * waits and handle times. Conversations with a person open read-only (drill-in).
 */
export function ConversationMap({
  rows,
  now,
  onOpen,
}: {
  rows: readonly ConversationSummary[];
  now: number;
  onOpen: (c: ConversationSummary) => void;
}) {
  const { t } = useConsole();
  const [filter, setFilter] = useState<MapFilter>(NO_FILTER);
  const shown = filterRows(rows, filter, now);
  const total = filterRows(rows, NO_FILTER, now).length;
  const set = (patch: Partial<MapFilter>) => setFilter({ ...filter, ...patch });
  const agents = new Map(rows.flatMap((c) => (c.agent ? [[c.agent.id, c.agent.displayName]] : [])));
  const order = (c: ConversationSummary) => MAP_STAGES.indexOf(stageOf(c));
  const sorted = [...shown].sort(
    (a, b) => order(a) - order(b) || Date.parse(a.startedAt) - Date.parse(b.startedAt),
  );
  return (
    <section aria-labelledby="map-title" class="conversation-map">
      <h3 id="map-title">{t('conversationsByState')}</h3>
      <fieldset class="map-filters">
        <legend>{t('mapFilters')}</legend>
        <Select
          id="filter-stage"
          label={t('filterStage')}
          value={filter.stage}
          options={MAP_STAGES.map((s) => [s, t(STAGE_LABEL[s])])}
          onChange={(v) => set({ stage: v as MapFilter['stage'] })}
        />
        <Select
          id="filter-queue"
          label={t('filterQueue')}
          value={filter.queue}
          options={distinct(rows.map((c) => c.queue)).map((q) => [q, q])}
          onChange={(v) => set({ queue: v })}
        />
        <Select
          id="filter-priority"
          label={t('filterPriority')}
          value={filter.priority}
          options={(['emergency', 'urgent', 'routine'] as const).map((p) => [
            p,
            priorityLabel(t, p),
          ])}
          onChange={(v) => set({ priority: v as MapFilter['priority'] })}
        />
        <Select
          id="filter-agent"
          label={t('filterAgent')}
          value={filter.agent}
          options={[...agents.entries()].sort((a, b) => a[1].localeCompare(b[1]))}
          onChange={(v) => set({ agent: v })}
        />
      </fieldset>
      <p class="muted" role="status">
        {t('mapShown', { shown: shown.length, total })}
      </p>
      {sorted.length === 0 ? (
        <p class="muted">{t('none')}</p>
      ) : (
        <table class="map-table">
          <thead>
            <tr>
              <th scope="col">{t('patient')}</th>
              <th scope="col">{t('filterStage')}</th>
              <th scope="col">{t('priority')}</th>
              <th scope="col">{t('queue')}</th>
              <th scope="col">{t('agent')}</th>
              <th scope="col">{`${t('colWait')} / ${t('colHandle')}`}</th>
              <th scope="col">{t('colOutcome')}</th>
              <th scope="col">{t('colActions')}</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((c) => (
              <Row key={c.conversationId} c={c} now={now} onOpen={onOpen} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

import type { StaffCandidate } from '@baton/handoff-protocol';
import { useConsole } from '../context';
import { presenceLabel } from '../labels';

export interface CandidateListProps {
  /** Radio group name (one per dialog). */
  name: string;
  legend: string;
  empty: string;
  candidates: readonly StaffCandidate[];
  value: string;
  onChange: (agentId: string) => void;
  /** Who may be chosen (the others stay listed, disabled: e.g. away or at capacity). */
  selectable?: (candidate: StaffCandidate) => boolean;
}

/** Agents to choose from, each with presence, load against capacity and queues. */
export function CandidateList({
  name,
  legend,
  empty,
  candidates,
  value,
  onChange,
  selectable = () => true,
}: CandidateListProps) {
  const { t } = useConsole();
  return (
    <fieldset class="candidates">
      <legend>{legend}</legend>
      {candidates.length === 0 ? <p class="muted">{empty}</p> : null}
      {candidates.map((c) => {
        const full = c.load >= c.capacity;
        const disabled = !selectable(c);
        const hint = `${name}-${c.agent.id}-hint`;
        const label = `${name}-${c.agent.id}-name`;
        return (
          <label
            key={c.agent.id}
            class={`candidate${full ? ' full' : ''}${disabled ? ' unavailable' : ''}`}
          >
            <input
              type="radio"
              name={name}
              value={c.agent.id}
              checked={value === c.agent.id}
              disabled={disabled}
              aria-labelledby={label}
              aria-describedby={hint}
              onChange={() => onChange(c.agent.id)}
            />
            <span id={label} class="candidate-name">
              {c.agent.displayName}
            </span>
            <span id={hint} class="candidate-facts">
              <span class={`presence-dot presence-${c.presence}`} aria-hidden="true" />
              {presenceLabel(t, c.presence)} ·{' '}
              {t('candidateLoad', { load: c.load, capacity: c.capacity })} ·{' '}
              {t('candidateQueues', { queues: c.queues.join(', ') })}
            </span>
          </label>
        );
      })}
    </fieldset>
  );
}

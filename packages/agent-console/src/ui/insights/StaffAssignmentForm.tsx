import { useState } from 'preact/hooks';
import { useConsole } from '../context';
import { ROLE_LABEL, STAFF_ROLES, type StaffRoleName, type StaffRow } from './staff-rows';

export interface StaffAssignment {
  staffId: string;
  displayName?: string;
  roles: StaffRoleName[];
  queues: string[];
}

/**
 * Roles and queues of one person (or of someone added before her first sign-in): checkboxes,
 * queues chosen among the configured ones. `onReset` goes back to her identity provider.
 */
export function StaffAssignmentForm(props: {
  person: StaffRow | null;
  queues: readonly string[];
  onSave: (assignment: StaffAssignment) => void;
  onReset?: () => void;
  onCancel: () => void;
}) {
  const { t } = useConsole();
  const { person } = props;
  const [staffId, setStaffId] = useState(person?.id ?? '');
  const [name, setName] = useState('');
  const [roles, setRoles] = useState<StaffRoleName[]>(person?.roles ?? ['agent']);
  const [queues, setQueues] = useState<string[]>(person?.queues ?? []);
  const [problem, setProblem] = useState('');
  const toggle = <T,>(list: T[], item: T, on: boolean) =>
    on ? [...list.filter((x) => x !== item), item] : list.filter((x) => x !== item);
  const title = person ? t('staffEditTitle', { name: person.displayName }) : t('staffAddTitle');
  const known = [...new Set([...props.queues, ...queues])];
  return (
    <form
      class="staff-form"
      aria-label={title}
      onSubmit={(e) => {
        e.preventDefault();
        if (roles.length === 0) return setProblem(t('staffNeedRole'));
        if (!person && !/^[\x21-\x7e]{1,128}$/.test(staffId.trim()))
          return setProblem(t('staffNeedId'));
        setProblem('');
        props.onSave({
          staffId: person?.id ?? staffId.trim(),
          ...(!person && name.trim() ? { displayName: name.trim() } : {}),
          roles,
          queues,
        });
      }}
    >
      <h4>{title}</h4>
      {person ? null : (
        <div class="staff-new">
          <p class="muted">{t('staffAddHint')}</p>
          <label>
            {t('staffId')}
            <input value={staffId} required onInput={(e) => setStaffId(e.currentTarget.value)} />
          </label>
          <label>
            {t('staffName')}
            <input value={name} onInput={(e) => setName(e.currentTarget.value)} />
          </label>
        </div>
      )}
      {person?.claims ? (
        <p class="muted">
          {t('staffClaims', {
            roles: person.claims.roles.map((r) => t(ROLE_LABEL[r])).join(', '),
            queues: person.claims.queues.join(', ') || t('staffNoQueue'),
          })}
        </p>
      ) : null}
      <fieldset>
        <legend>{t('staffRoles')}</legend>
        {STAFF_ROLES.map((role) => (
          <label class="confirm" key={role}>
            <input
              type="checkbox"
              checked={roles.includes(role)}
              onChange={(e) => setRoles(toggle(roles, role, e.currentTarget.checked))}
            />
            {t(ROLE_LABEL[role])}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('staffQueues')}</legend>
        {known.map((queue) => (
          <label class="confirm" key={queue}>
            <input
              type="checkbox"
              checked={queues.includes(queue)}
              onChange={(e) => setQueues(toggle(queues, queue, e.currentTarget.checked))}
            />
            {queue}
          </label>
        ))}
      </fieldset>
      {problem ? (
        <p role="alert" class="error">
          {problem}
        </p>
      ) : null}
      <div class="staff-actions">
        <button type="submit">{person ? t('staffSave') : t('staffAdd')}</button>
        {props.onReset ? (
          <button type="button" onClick={props.onReset}>
            {t('staffReset')}
          </button>
        ) : null}
        <button type="button" onClick={props.onCancel}>
          {t('staffCancel')}
        </button>
      </div>
    </form>
  );
}

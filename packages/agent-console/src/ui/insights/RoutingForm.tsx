import { useEffect, useState } from 'preact/hooks';
import { useConsole } from '../context';
import { RoutingEditor } from './RoutingEditor';
import {
  type DepartmentQueues,
  emptyRule,
  type RoutingFormState,
  type RuleRow,
  routingFormState,
  routingValue,
} from './routing-form';

/**
 * Queues and routing rules as a form: rules tried in order (queue, department, skills,
 * languages), the default queue, and which departments the browser may name as its queue. The
 * JSON stays as an advanced view. The server checks either and names the problem.
 */
export function RoutingForm(props: {
  routing: unknown;
  onSave: (value: unknown) => Promise<string | null>;
}) {
  const { t } = useConsole();
  const [form, setForm] = useState<RoutingFormState>(() => routingFormState(props.routing));
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');
  useEffect(() => setForm(routingFormState(props.routing)), [props.routing]);
  const setRule = (key: number, patch: Partial<RuleRow>) =>
    setForm({ ...form, rules: form.rules.map((r) => (r.key === key ? { ...r, ...patch } : r)) });
  const move = (index: number, by: -1 | 1) => {
    const rules = [...form.rules];
    const [rule] = rules.splice(index, 1);
    rules.splice(index + by, 0, rule!);
    setForm({ ...form, rules });
  };
  const submit = async (e: Event) => {
    e.preventDefault();
    setStatus('');
    setError('');
    const problem = await props.onSave(routingValue(form));
    if (problem) setError(problem);
    else setStatus(t('routingSaved'));
  };
  const input = (rule: RuleRow, index: number, name: keyof Omit<RuleRow, 'key'>, label: string) => (
    <div class="period-field">
      <label for={`rule-${rule.key}-${name}`}>{label}</label>
      <input
        id={`rule-${rule.key}-${name}`}
        value={rule[name]}
        required={name === 'queue'}
        aria-describedby={`rule-${rule.key}-title`}
        onInput={(e) => setRule(rule.key, { [name]: e.currentTarget.value })}
        data-rule-index={index}
      />
    </div>
  );
  return (
    <section class="admin-section" aria-labelledby="routing-title">
      <h3 id="routing-title">{t('routingTitle')}</h3>
      <form aria-label={t('routingFormLabel')} onSubmit={submit}>
        <p class="muted">{t('routingFormHint')}</p>
        <ol class="routing-rules">
          {form.rules.map((rule, index) => (
            <li key={rule.key} data-rule={rule.queue}>
              <fieldset>
                <legend id={`rule-${rule.key}-title`}>
                  {t('routingRuleN', { n: index + 1, queue: rule.queue || '…' })}
                </legend>
                <div class="period">
                  {input(rule, index, 'queue', t('routingQueue'))}
                  {input(rule, index, 'department', t('routingDepartment'))}
                  {input(rule, index, 'skills', t('routingSkills'))}
                  {input(rule, index, 'languages', t('routingLanguages'))}
                </div>
                <div class="period-actions">
                  <button
                    type="button"
                    disabled={index === 0}
                    aria-label={t('routingUp', { n: index + 1 })}
                    onClick={() => move(index, -1)}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    disabled={index === form.rules.length - 1}
                    aria-label={t('routingDown', { n: index + 1 })}
                    onClick={() => move(index, 1)}
                  >
                    ↓
                  </button>
                  <button
                    type="button"
                    onClick={() =>
                      setForm({ ...form, rules: form.rules.filter((r) => r.key !== rule.key) })
                    }
                  >
                    {t('routingRemove', { n: index + 1 })}
                  </button>
                </div>
              </fieldset>
            </li>
          ))}
        </ol>
        <button
          type="button"
          onClick={() => setForm({ ...form, rules: [...form.rules, emptyRule()] })}
        >
          {t('routingAddRule')}
        </button>
        <div class="period">
          <div class="period-field">
            <label for="routing-default">{t('routingDefault')}</label>
            <input
              id="routing-default"
              value={form.defaultQueue}
              placeholder="general"
              onInput={(e) => setForm({ ...form, defaultQueue: e.currentTarget.value })}
            />
          </div>
          <div class="period-field">
            <label for="routing-departments-mode">{t('routingDepartmentQueues')}</label>
            <select
              id="routing-departments-mode"
              value={form.departmentMode}
              onChange={(e) =>
                setForm({ ...form, departmentMode: e.currentTarget.value as DepartmentQueues })
              }
            >
              <option value="none">{t('routingDepartmentsNone')}</option>
              <option value="listed">{t('routingDepartmentsListed')}</option>
              <option value="any">{t('routingDepartmentsAny')}</option>
            </select>
          </div>
          {form.departmentMode === 'listed' ? (
            <div class="period-field">
              <label for="routing-departments">{t('routingDepartmentList')}</label>
              <input
                id="routing-departments"
                value={form.departments}
                onInput={(e) => setForm({ ...form, departments: e.currentTarget.value })}
              />
            </div>
          ) : null}
        </div>
        <button type="submit" class="primary">
          {t('routingFormSave')}
        </button>
        <p role="status" class="muted">
          {status}
        </p>
        {error ? (
          <p role="alert" class="error">
            {error}
          </p>
        ) : null}
      </form>
      <details class="routing-json">
        <summary>{t('routingAdvanced')}</summary>
        <RoutingEditor routing={props.routing} onSave={props.onSave} />
      </details>
    </section>
  );
}

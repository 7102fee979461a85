import { useEffect, useState } from 'preact/hooks';
import { useConsole } from '../context';

/**
 * The advanced view of `RoutingForm`: queues and routing rules as JSON (the `BATON_ROUTING` shape: `queues` with department,
 * skills and languages, `defaultQueue`, `departmentQueues`). The server checks them and
 * names the problem; every node routes the next handoff with them.
 */
export function RoutingEditor(props: {
  routing: unknown;
  onSave: (value: unknown) => Promise<string | null>;
}) {
  const { t } = useConsole();
  const [text, setText] = useState(() => JSON.stringify(props.routing ?? {}, null, 2));
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');
  useEffect(() => setText(JSON.stringify(props.routing ?? {}, null, 2)), [props.routing]);
  const submit = async (e: Event) => {
    e.preventDefault();
    setStatus('');
    setError('');
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      setError(t('routingNotJson'));
      return;
    }
    const problem = await props.onSave(value);
    if (problem) setError(problem);
    else setStatus(t('routingSaved'));
  };
  return (
    <form aria-label={t('routingAdvanced')} onSubmit={submit}>
      <label for="routing-json">{t('routingRules')}</label>
      <textarea
        id="routing-json"
        class="code"
        spellcheck={false}
        value={text}
        onInput={(e) => setText(e.currentTarget.value)}
      />
      <button type="submit" class="primary">
        {t('saveRouting')}
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
  );
}

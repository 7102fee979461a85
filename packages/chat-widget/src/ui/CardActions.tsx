import { useContext } from 'preact/hooks';
import { asString, type CardAction } from '../directline/activity';
import { safeHref } from '../markdown/safe-url';
import { Widget } from './context';

const SENDING = new Set(['imBack', 'postBack', 'messageBack']);

/** One button of a card or a suggested action; links only through the scheme allowlist. */
export function CardActionView(props: { action: CardAction; disabled?: boolean }) {
  const { action } = props;
  const context = useContext(Widget);
  const title = asString(action.title) ?? asString(action.value) ?? '';
  if (!title) return null;
  if (action.type === 'openUrl' || action.type === 'downloadFile' || action.type === 'call') {
    const raw = asString(action.value) ?? '';
    const href =
      action.type === 'call'
        ? safeHref(raw.startsWith('tel:') ? raw : `tel:${raw}`, ['tel:'])
        : safeHref(raw, ['https:', 'http:', 'mailto:', 'tel:']);
    if (!href) return null;
    return (
      <a class="action" href={href} target="_blank" rel="noopener noreferrer">
        {title}
        <span class="vh"> {context.strings.opensInNewTab}</span>
      </a>
    );
  }
  if (!SENDING.has(action.type)) return null;
  return (
    <button
      type="button"
      class="action"
      disabled={props.disabled}
      onClick={() => context.act(action)}
    >
      {title}
    </button>
  );
}

export function CardActionList(props: { actions: unknown; disabled?: boolean }) {
  const actions = Array.isArray(props.actions) ? (props.actions as CardAction[]).slice(0, 50) : [];
  const valid = actions.filter((a) => a && typeof a === 'object' && typeof a.type === 'string');
  if (valid.length === 0) return null;
  return (
    <div class="actions">
      {valid.map((action, index) => (
        <CardActionView key={index} action={action} disabled={props.disabled} />
      ))}
    </div>
  );
}

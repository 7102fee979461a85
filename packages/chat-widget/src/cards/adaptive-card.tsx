import type { ComponentChildren, VNode } from 'preact';
import { useContext, useRef, useState } from 'preact/hooks';
import { asString, isRecord } from '../directline/activity';
import { format } from '../i18n/strings';
import { MAX_RENDERED_TEXT, renderInline } from '../markdown/markdown';
import { safeHref, safeImageSrc } from '../markdown/safe-url';
import { Widget } from '../ui/context';
import { Input, type Json, list, readInputs, text } from './adaptive-inputs';

/**
 * A small, safe Adaptive Card renderer for the elements health bots use: TextBlock,
 * RichTextBlock, Image, ImageSet, Container, ColumnSet, FactSet, ActionSet, the Input.*
 * elements, and Action.Submit / Execute / OpenUrl / ShowCard. Unknown elements render their
 * `fallback` or nothing. Text is text; URLs go through the allowlists. (The `adaptivecards`
 * package would cost far more than the whole chat budget; see the README.)
 */
const MAX_DEPTH = 12;

interface RenderContext {
  depth: number;
  onAction(action: Json): void;
  opensInNewTab: string;
}

function TextBlock(props: { el: Json; ctx: RenderContext }) {
  const { el } = props;
  const classes = [
    el.isSubtle ? 'meta' : '',
    el.size === 'large' || el.size === 'extraLarge' ? 'large' : '',
  ]
    .filter(Boolean)
    .join(' ');
  const content = renderInline(text(el.text, MAX_RENDERED_TEXT), {
    opensInNewTab: props.ctx.opensInNewTab,
  });
  const body = el.weight === 'bolder' ? <strong>{content}</strong> : content;
  return el.style === 'heading' ? (
    <h3 class={classes || undefined}>{body}</h3>
  ) : (
    <p class={classes || undefined}>{body}</p>
  );
}

function Actions(props: { actions: Json[]; ctx: RenderContext }) {
  const [shown, setShown] = useState<number | null>(null);
  const actions = props.actions.slice(0, 10);
  if (actions.length === 0) return null;
  const card = shown === null ? null : actions[shown]?.card;
  return (
    <>
      <div class="actions">
        {actions.map((action, index) => {
          const title = text(action.title) || text(action.type).replace('Action.', '');
          if (action.type === 'Action.OpenUrl') {
            const href = safeHref(action.url);
            return href ? (
              <a key={index} class="action" href={href} target="_blank" rel="noopener noreferrer">
                {title}
                <span class="vh"> {props.ctx.opensInNewTab}</span>
              </a>
            ) : null;
          }
          if (action.type === 'Action.ShowCard') {
            return (
              <button
                key={index}
                type="button"
                class="action"
                aria-expanded={shown === index}
                onClick={() => setShown(shown === index ? null : index)}
              >
                {title}
              </button>
            );
          }
          if (action.type !== 'Action.Submit' && action.type !== 'Action.Execute') return null;
          return (
            <button
              key={index}
              type="button"
              class="action primary"
              onClick={() => props.ctx.onAction(action)}
            >
              {title}
            </button>
          );
        })}
      </div>
      {isRecord(card) && (
        <Elements items={list(card.body)} ctx={{ ...props.ctx, depth: props.ctx.depth + 1 }} />
      )}
    </>
  );
}

function Element(props: { el: Json; ctx: RenderContext }): VNode | null {
  const { el, ctx } = props;
  if (ctx.depth > MAX_DEPTH || el.isVisible === false) return null;
  const inner = { ...ctx, depth: ctx.depth + 1 };
  switch (el.type) {
    case 'TextBlock':
      return <TextBlock el={el} ctx={ctx} />;
    case 'RichTextBlock':
      return (
        <p>
          {list(el.inlines).map((run) =>
            run.weight === 'bolder' ? <strong>{text(run.text)}</strong> : text(run.text),
          )}
        </p>
      );
    case 'Image': {
      const src = safeImageSrc(el.url);
      return src ? <img src={src} alt={text(el.altText)} referrerpolicy="no-referrer" /> : null;
    }
    case 'ImageSet':
      return (
        <div class="actions">
          {list(el.images).map((image) => (
            <Element el={{ ...image, type: 'Image' }} ctx={inner} />
          ))}
        </div>
      );
    case 'Container':
      return <div class="ac">{<Elements items={list(el.items)} ctx={inner} />}</div>;
    case 'ColumnSet':
      return (
        <div class="cols">
          {list(el.columns).map((column) => (
            <div class="ac">
              <Elements items={list(column.items)} ctx={inner} />
            </div>
          ))}
        </div>
      );
    case 'FactSet':
      return (
        <dl>
          {list(el.facts).map((fact) => (
            <>
              <dt>{text(fact.title)}</dt>
              <dd>{text(fact.value)}</dd>
            </>
          ))}
        </dl>
      );
    case 'ActionSet':
      return <Actions actions={list(el.actions)} ctx={ctx} />;
    default:
      if (typeof el.type === 'string' && el.type.startsWith('Input.')) return <Input el={el} />;
      return isRecord(el.fallback) ? <Element el={el.fallback} ctx={inner} /> : null;
  }
}

function Elements(props: { items: Json[]; ctx: RenderContext }): VNode {
  return (
    <>
      {props.items.map((el, index) => (
        <Element key={index} el={el} ctx={props.ctx} />
      ))}
    </>
  );
}

export function AdaptiveCard(props: {
  card: unknown;
  onSubmit(value: Record<string, unknown>): void;
}) {
  const formRef = useRef<HTMLFormElement>(null);
  const { strings } = useContext(Widget);
  const [missing, setMissing] = useState('');
  if (!isRecord(props.card)) return null;
  const card = props.card;
  const onAction = (action: Json) => {
    const form = formRef.current;
    if (!form) return;
    // Say what is missing (announced), mark it, and put the focus on the first one.
    const invalid = [...form.elements].filter(
      (el): el is HTMLInputElement => !(el as HTMLInputElement).validity?.valid,
    );
    for (const el of form.elements) {
      if (invalid.includes(el as HTMLInputElement)) el.setAttribute('aria-invalid', 'true');
      else el.removeAttribute('aria-invalid');
    }
    const names = invalid.map((el) => fieldName(el));
    setMissing(
      names.length ? format(strings.cardMissing, { fields: [...new Set(names)].join(', ') }) : '',
    );
    if (invalid[0]) return invalid[0].focus();
    const data = isRecord(action.data)
      ? action.data
      : action.data === undefined
        ? {}
        : { data: action.data };
    const verb = action.type === 'Action.Execute' ? { verb: asString(action.verb) } : {};
    props.onSubmit({ ...data, ...verb, ...readInputs(form) });
  };
  const ctx: RenderContext = { depth: 0, onAction, opensInNewTab: strings.opensInNewTab };
  const children: ComponentChildren = (
    <>
      <Elements items={list(card.body)} ctx={ctx} />
      {missing && (
        <p class="failed" role="alert">
          {missing}
        </p>
      )}
      <Actions actions={list(card.actions)} ctx={ctx} />
    </>
  );
  return (
    <form
      ref={formRef}
      class="card ac"
      lang={asString(card.lang)}
      onSubmit={(event) => event.preventDefault()}
      noValidate={false}
    >
      {children}
    </form>
  );
}

/** What the patient reads beside a control: its group's legend, else its label's own words. */
function fieldName(el: HTMLInputElement): string {
  const legend = el.closest('fieldset')?.querySelector('legend');
  return (legend ?? el.closest('label')?.firstChild)?.textContent?.trim() || el.name;
}

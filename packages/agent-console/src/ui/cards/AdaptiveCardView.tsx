import type { ComponentChildren } from 'preact';
import { useConsole } from '../context';
import { RichText } from '../RichText';

type Json = Record<string, unknown>;

const MAX_DEPTH = 12;
const MAX_ITEMS = 60;

const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const list = (value: unknown): Json[] =>
  Array.isArray(value) ? value.filter(isRecord).slice(0, MAX_ITEMS) : [];
const text = (value: unknown): string => (typeof value === 'string' ? value.slice(0, 4000) : '');

/** What the bot's actions were, as labels: the agent sees them, she cannot press them. */
export function ActionLabels({ titles }: { titles: readonly string[] }) {
  const { t } = useConsole();
  if (titles.length === 0) return null;
  return (
    <ul class="card-actions" aria-label={t('cardActions')}>
      {titles.map((title, index) => (
        <li key={index}>{title}</li>
      ))}
    </ul>
  );
}

function inputLabel(el: Json): string {
  return text(el.label) || text(el.placeholder) || text(el.title) || text(el.id);
}

function Element({ el, depth }: { el: Json; depth: number }): ComponentChildren {
  const { t } = useConsole();
  if (depth > MAX_DEPTH || el.isVisible === false) return null;
  const children = (items: unknown) =>
    list(items).map((child, index) => <Element key={index} el={child} depth={depth + 1} />);
  switch (el.type) {
    case 'TextBlock':
      return <RichText text={text(el.text)} format="markdown" />;
    case 'RichTextBlock':
      return (
        <p class="text">
          {list(el.inlines)
            .map((inline) => text(inline.text))
            .join('')}
        </p>
      );
    case 'FactSet':
      return (
        <dl class="card-facts">
          {list(el.facts).map((fact, index) => (
            <div key={index}>
              <dt>{text(fact.title)}</dt>
              <dd>{text(fact.value)}</dd>
            </div>
          ))}
        </dl>
      );
    case 'Image':
      return <p class="card-image muted">{t('cardImage', { alt: text(el.altText) || '—' })}</p>;
    case 'ImageSet':
      return <div class="card-group">{children(el.images)}</div>;
    case 'Container':
      return <div class="card-group">{children(el.items)}</div>;
    case 'ColumnSet':
      return (
        <div class="card-columns">
          {list(el.columns).map((column, index) => (
            <div key={index} class="card-group">
              {children(column.items)}
            </div>
          ))}
        </div>
      );
    case 'ActionSet':
      return <ActionLabels titles={list(el.actions).map((a) => text(a.title))} />;
    case 'Input.ChoiceSet':
      return (
        <p class="card-input">
          <span class="card-input-label">{inputLabel(el)}</span>{' '}
          <span class="muted">
            {list(el.choices)
              .map((choice) => text(choice.title))
              .join(' · ')}
          </span>
        </p>
      );
    case 'Input.Text':
    case 'Input.Number':
    case 'Input.Date':
    case 'Input.Time':
    case 'Input.Toggle':
      return (
        <p class="card-input">
          <span class="card-input-label">{inputLabel(el)}</span>{' '}
          <span class="muted">{t('cardInput')}</span>
        </p>
      );
    default:
      return isRecord(el.fallback) ? <Element el={el.fallback} depth={depth + 1} /> : null;
  }
}

/** An Adaptive Card the bot sent, rendered read-only (text is text, no URL is fetched). */
export function AdaptiveCardView({ content }: { content: unknown }) {
  if (!isRecord(content)) return null;
  return (
    <>
      {list(content.body).map((el, index) => (
        <Element key={index} el={el} depth={0} />
      ))}
      <ActionLabels titles={list(content.actions).map((a) => text(a.title))} />
    </>
  );
}

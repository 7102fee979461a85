import type { VNode } from 'preact';
import { isRecord } from '../directline/activity';

/** The Adaptive Card inputs, as native form controls inside labels (no ids to collide). */
export type Json = Record<string, unknown>;

const MAX_ITEMS = 200;

export function list(value: unknown): Json[] {
  return Array.isArray(value) ? (value.filter(isRecord) as Json[]).slice(0, MAX_ITEMS) : [];
}

/** A card's string or number as text, cut at 2,000 characters (a TextBlock's own cap is larger). */
export function text(value: unknown, max = 2000): string {
  return (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '').slice(
    0,
    max,
  );
}

export function Input(props: { el: Json }): VNode | null {
  const { el } = props;
  const id = text(el.id).slice(0, 100);
  if (!id) return null;
  const label = text(el.label) || text(el.placeholder) || text(el.title) || id;
  const required = el.isRequired === true;
  const value = text(el.value);
  const placeholder = text(el.placeholder) || undefined;
  switch (el.type) {
    case 'Input.Text':
      return (
        // biome-ignore lint/a11y/noLabelWithoutControl: the control is one of the two branches below
        <label>
          {label}
          {el.isMultiline ? (
            <textarea
              name={id}
              required={required}
              placeholder={placeholder}
              value={value}
              maxLength={Number(el.maxLength) || 5000}
            />
          ) : (
            <input
              name={id}
              type={el.style === 'email' ? 'email' : el.style === 'tel' ? 'tel' : 'text'}
              required={required}
              placeholder={placeholder}
              value={value}
              maxLength={Number(el.maxLength) || 5000}
            />
          )}
        </label>
      );
    case 'Input.Number':
    case 'Input.Date':
    case 'Input.Time':
      return (
        <label>
          {label}
          <input
            name={id}
            type={
              el.type === 'Input.Number' ? 'number' : el.type === 'Input.Date' ? 'date' : 'time'
            }
            required={required}
            value={value}
            min={text(el.min) || undefined}
            max={text(el.max) || undefined}
          />
        </label>
      );
    case 'Input.Toggle':
      return (
        <label class="choice">
          <input
            name={id}
            type="checkbox"
            data-on={text(el.valueOn) || 'true'}
            data-off={text(el.valueOff) || 'false'}
            checked={value === (text(el.valueOn) || 'true')}
          />
          {text(el.title) || label}
        </label>
      );
    case 'Input.ChoiceSet': {
      const choices = list(el.choices);
      const selected = new Set(value.split(','));
      if (el.style === 'expanded' || el.isMultiSelect) {
        return (
          <fieldset>
            <legend>{label}</legend>
            {choices.map((choice) => (
              <label class="choice" key={text(choice.value)}>
                <input
                  name={id}
                  type={el.isMultiSelect ? 'checkbox' : 'radio'}
                  value={text(choice.value)}
                  checked={selected.has(text(choice.value))}
                  required={required && !el.isMultiSelect}
                />
                {text(choice.title)}
              </label>
            ))}
          </fieldset>
        );
      }
      return (
        <label>
          {label}
          <select name={id} required={required}>
            {!value && <option value="">{placeholder ?? ''}</option>}
            {choices.map((choice) => (
              <option
                key={text(choice.value)}
                value={text(choice.value)}
                selected={selected.has(text(choice.value))}
              >
                {text(choice.title)}
              </option>
            ))}
          </select>
        </label>
      );
    }
    default:
      return null;
  }
}

/** Reads the card's inputs the way Adaptive Cards does: multi-select joined by commas. */
export function readInputs(form: HTMLFormElement): Record<string, string> {
  const values: Record<string, string> = {};
  for (const element of Array.from(form.elements)) {
    const input = element as HTMLInputElement;
    if (!input.name) continue;
    if (input.type === 'checkbox' && input.dataset.on !== undefined) {
      values[input.name] = input.checked
        ? (input.dataset.on ?? 'true')
        : (input.dataset.off ?? 'false');
    } else if (input.type === 'checkbox' || input.type === 'radio') {
      if (!(input.name in values)) values[input.name] = '';
      if (input.checked)
        values[input.name] = values[input.name]
          ? `${values[input.name]},${input.value}`
          : input.value;
    } else {
      values[input.name] = input.value;
    }
  }
  return values;
}

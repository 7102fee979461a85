import type { SuggestedAction } from '../domain/transcript';
import { arrayField, field, isRecord, recordField, stringField } from './activity';
import { buttonLine, MAX_ACTIONS, toSuggestedAction } from './card-actions';

/** Deeper nesting than this is not read (hostile or broken cards). */
const MAX_DEPTH = 16;
/** At most this many elements are visited per card. */
const MAX_ELEMENTS = 2000;

export interface AdaptiveCardText {
  /** Readable lines, in document order. */
  lines: string[];
  /** Every action with a title, card-level and inside `ActionSet`s. */
  buttons: SuggestedAction[];
}

/** Text beyond this many characters is not collected (the summary is cut anyway). */
const MAX_CHARS = 16_000;
/** At most this many facts, choices or inlines are read per element. */
const MAX_PARTS = 200;

interface Walk extends AdaptiveCardText {
  visited: number;
  chars: number;
}

/**
 * Reads an Adaptive Card as text by walking its `body` and `actions`:
 * - `TextBlock` → its text; `RichTextBlock` → its inlines joined;
 * - `FactSet` → one `title: value` line per fact;
 * - `Input.Text|Number|Date|Time` → `label (placeholder)`; `Input.Toggle` → `label: title`;
 *   `Input.ChoiceSet` → `label: A | B | C`;
 * - `Image` → `Image: altText` when it has alt text; `ImageSet` → its images;
 * - `Container`, `ColumnSet`/`Column`, `Table` rows/cells, and any element with `items` →
 *   walked in order;
 * - `ActionSet` and card `actions` → a `[A] [B]` line, plus `buttons`; an `Action.ShowCard`'s
 *   card is walked too.
 * Unknown elements without children are skipped. Never throws on malformed input.
 */
export function readAdaptiveCard(card: unknown): AdaptiveCardText {
  const walk: Walk = { lines: [], buttons: [], visited: 0, chars: 0 };
  readCard(card, walk, 0);
  if (walk.lines.length === 0) {
    const fallback = stringField(card, 'fallbackText') ?? stringField(card, 'speak');
    if (fallback && fallback.trim() !== '') walk.lines.push(fallback);
  }
  return { lines: walk.lines, buttons: walk.buttons };
}

function readCard(card: unknown, walk: Walk, depth: number): void {
  readElements(arrayField(card, 'body'), walk, depth + 1);
  readActions(arrayField(card, 'actions'), walk, depth + 1);
}

function readElements(elements: readonly unknown[], walk: Walk, depth: number): void {
  if (depth > MAX_DEPTH) return;
  for (const element of elements) {
    if (walk.visited >= MAX_ELEMENTS) return;
    walk.visited += 1;
    readElement(element, walk, depth);
  }
}

function readElement(element: unknown, walk: Walk, depth: number): void {
  if (!isRecord(element)) return;
  const type = stringField(element, 'type') ?? '';
  switch (type) {
    case 'TextBlock':
      push(walk, stringField(element, 'text'));
      return;
    case 'RichTextBlock':
      push(walk, parts(element, 'inlines').map(inlineText).join(''));
      return;
    case 'FactSet':
      for (const fact of parts(element, 'facts')) {
        const title = stringField(fact, 'title') ?? '';
        const value = stringField(fact, 'value') ?? '';
        push(walk, title && value ? `${title}: ${value}` : title || value);
      }
      return;
    case 'Image':
      push(walk, labelled('Image', stringField(element, 'altText')));
      return;
    case 'ImageSet':
      readElements(arrayField(element, 'images'), walk, depth + 1);
      return;
    case 'Input.Text':
    case 'Input.Number':
    case 'Input.Date':
    case 'Input.Time':
      push(walk, inputLine(element));
      return;
    case 'Input.Toggle': {
      const label = stringField(element, 'label');
      const title = stringField(element, 'title');
      push(walk, label && title ? `${label}: ${title}` : (label ?? title));
      return;
    }
    case 'Input.ChoiceSet': {
      const name = stringField(element, 'label') ?? stringField(element, 'placeholder');
      const choices = parts(element, 'choices')
        .map((choice) => stringField(choice, 'title'))
        .filter((title): title is string => title !== undefined && title !== '');
      push(walk, name ? labelled(name, choices.join(' | ')) : choices.join(' | '));
      return;
    }
    case 'ActionSet':
      readActions(arrayField(element, 'actions'), walk, depth + 1);
      return;
    case 'ColumnSet':
      readElements(arrayField(element, 'columns'), walk, depth + 1);
      return;
    case 'Table':
      for (const row of parts(element, 'rows')) {
        readElements(arrayField(row, 'cells'), walk, depth + 2);
      }
      return;
    default:
      // Container, Column, TableCell and unknown elements that hold children.
      readElements(arrayField(element, 'items'), walk, depth + 1);
  }
}

function readActions(actions: readonly unknown[], walk: Walk, depth: number): void {
  if (depth > MAX_DEPTH) return;
  const line: SuggestedAction[] = [];
  for (const action of actions) {
    if (walk.visited >= MAX_ELEMENTS) break;
    walk.visited += 1;
    const summary = toSuggestedAction(action);
    if (summary) {
      line.push(summary);
      if (walk.buttons.length < MAX_ACTIONS) walk.buttons.push(summary);
    }
  }
  if (line.length > 0) push(walk, buttonLine(line));
  for (const action of actions) {
    if (stringField(action, 'type') === 'Action.ShowCard') {
      readCard(recordField(action, 'card'), walk, depth);
    }
  }
}

function inputLine(input: unknown): string | undefined {
  const label = stringField(input, 'label');
  const placeholder = stringField(input, 'placeholder');
  if (label && placeholder) return `${label} (${placeholder})`;
  return label ?? placeholder;
}

function inlineText(inline: unknown): string {
  if (typeof inline === 'string') return inline;
  const text = field(inline, 'text');
  return typeof text === 'string' ? text : '';
}

function labelled(label: string, text: string | undefined): string | undefined {
  return text ? `${label}: ${text}` : undefined;
}

function parts(element: unknown, key: string): readonly unknown[] {
  return arrayField(element, key).slice(0, MAX_PARTS);
}

function push(walk: Walk, line: string | undefined): void {
  if (line === undefined || walk.chars > MAX_CHARS || line.trim() === '') return;
  walk.chars += line.length + 1;
  walk.lines.push(line);
}

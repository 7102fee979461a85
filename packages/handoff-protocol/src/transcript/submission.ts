import { arrayField, field, isRecord, recordField, stringField } from './activity';

/** What an Adaptive Card asked: per input id, its label and the titles of its choices. */
export interface CardInputLabel {
  label: string;
  /** `Input.ChoiceSet`: choice value → title, so `short` reads "Less than 2 days". */
  choices?: ReadonlyMap<string, string>;
}

export type CardInputLabels = Map<string, CardInputLabel>;

const MAX_DEPTH = 16;
const MAX_INPUTS = 200;
const MAX_FIELDS = 50;

/**
 * Remembers the inputs of an Adaptive Card (by `id`), so a later submission of that card can
 * be read as the patient answered it. Later cards win for a repeated id. Never throws.
 */
export function collectCardInputs(card: unknown, labels: CardInputLabels, depth = 0): void {
  if (depth > MAX_DEPTH || labels.size >= MAX_INPUTS || !isRecord(card)) return;
  for (const key of ['body', 'items', 'columns', 'actions']) {
    for (const element of arrayField(card, key)) readInput(element, labels, depth + 1);
  }
  const shown = recordField(card, 'card'); // Action.ShowCard
  if (shown) collectCardInputs(shown, labels, depth + 1);
}

function readInput(element: unknown, labels: CardInputLabels, depth: number): void {
  const type = stringField(element, 'type') ?? '';
  const id = stringField(element, 'id');
  if (type.startsWith('Input.') && id) {
    const label =
      stringField(element, 'label') ??
      stringField(element, 'title') ??
      stringField(element, 'placeholder') ??
      humanize(id);
    const entry: CardInputLabel = { label };
    if (type === 'Input.ChoiceSet') {
      const choices = new Map<string, string>();
      for (const choice of arrayField(element, 'choices')) {
        const value = stringField(choice, 'value');
        const title = stringField(choice, 'title');
        if (value !== undefined && title) choices.set(value, title);
      }
      entry.choices = choices;
    }
    labels.set(id, entry);
    return;
  }
  collectCardInputs(element, labels, depth);
}

/**
 * A card submission (`Action.Submit` data merged with the inputs, a `postBack` or
 * `messageBack` value) as the patient answered it: `Age: 54, Since when?: 2 to 7 days`.
 * Keys that name a known input come first, in the card's order, with its label and choice
 * titles; the action's own data (other keys) follows only when no key names an input.
 * Objects and arrays inside the value are skipped. `undefined` when nothing is readable.
 * Unbounded here: the entry's text is cut at the transcript's `maxTextLength`.
 */
export function submissionText(value: unknown, labels: CardInputLabels): string | undefined {
  if (typeof value === 'string') return value.trim() ? value : undefined;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (!isRecord(value)) return undefined;
  const known: string[] = [];
  for (const [id, input] of labels) {
    if (known.length >= MAX_FIELDS) break;
    const answer = readable(field(value, id), input);
    if (answer !== undefined) known.push(`${input.label}: ${answer}`);
  }
  if (known.length > 0) return known.join(', ');
  const rest: string[] = [];
  for (const key of Object.keys(value).slice(0, MAX_FIELDS)) {
    const answer = readable(field(value, key), undefined);
    if (answer !== undefined) rest.push(`${humanize(key)}: ${answer}`);
  }
  return rest.length > 0 ? rest.join(', ') : undefined;
}

function readable(raw: unknown, input: CardInputLabel | undefined): string | undefined {
  if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
  if (typeof raw !== 'string' || raw.trim() === '') return undefined;
  const choices = input?.choices;
  const text = choices?.size
    ? raw
        .split(',')
        .map((part) => choices.get(part) ?? part)
        .join(', ')
    : raw;
  return text;
}

/** `chestPain` / `chest_pain` → `Chest pain`. */
function humanize(key: string): string {
  const words = key
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words ? words[0]?.toUpperCase() + words.slice(1) : key;
}

import type { SuggestedAction } from '../domain/transcript';
import { field, stringField } from './activity';
import { clip } from './text';

const MAX_TITLE = 500;
const MAX_VALUE = 2000;
/** Schema bound for `buttons` and `suggestedActions`. */
export const MAX_ACTIONS = 50;

/**
 * Actions whose value is what the patient would send back. Every other action type
 * (`openUrl`, `signin`, `downloadFile`, `playVideo`, `call`, Adaptive `Action.OpenUrl`…)
 * keeps its title only: its value is a URL or number that may carry a token.
 */
const MESSAGE_ACTIONS: ReadonlySet<string> = new Set([
  'imback',
  'postback',
  'messageback',
  'action.submit',
  'action.execute',
]);

/**
 * A Bot Framework `CardAction` (or an Adaptive Card action) as a `SuggestedAction`:
 * title (falling back to a string value, then `text`/`displayText`), and the value for
 * message-sending actions only (non-string values are JSON-encoded). `undefined` when the
 * action has nothing to show.
 */
export function toSuggestedAction(action: unknown): SuggestedAction | undefined {
  const type = stringField(action, 'type');
  const value = messageValue(action, type);
  const title =
    stringField(action, 'title') ??
    stringField(action, 'displayText') ??
    stringField(action, 'text') ??
    value;
  if (title === undefined || title.trim() === '') return undefined;
  const summary: SuggestedAction = { title: clip(title, MAX_TITLE) };
  if (value !== undefined) summary.value = clip(value, MAX_VALUE);
  return summary;
}

function messageValue(action: unknown, type: string | undefined): string | undefined {
  if (type !== undefined && !MESSAGE_ACTIONS.has(type.toLowerCase())) return undefined;
  const lower = type?.toLowerCase();
  const raw =
    lower === 'messageback'
      ? (stringField(action, 'text') ?? stringField(action, 'value'))
      : lower === 'action.submit' || lower === 'action.execute'
        ? field(action, 'data')
        : field(action, 'value');
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw === 'string') return raw;
  try {
    const json: unknown = JSON.stringify(raw);
    return typeof json === 'string' ? json : undefined;
  } catch {
    return undefined;
  }
}

/** Every action in `actions` that has something to show, at most {@link MAX_ACTIONS}. */
export function toSuggestedActions(actions: readonly unknown[]): SuggestedAction[] {
  const result: SuggestedAction[] = [];
  for (const action of actions) {
    if (result.length >= MAX_ACTIONS) break;
    const summary = toSuggestedAction(action);
    if (summary) result.push(summary);
  }
  return result;
}

/** `[Yes] [No]`: how buttons read inside a card summary. */
export function buttonLine(actions: readonly SuggestedAction[]): string {
  return actions.map((action) => `[${action.title}]`).join(' ');
}

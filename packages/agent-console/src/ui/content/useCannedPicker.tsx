import type { ContentItem } from '@baton/handoff-protocol';
import { useState } from 'preact/hooks';
import { useConsole } from '../context';
import type { ConversationContent } from './useConversationContent';
import { fillContentVariables } from './variables';

/** `/query` at the end of the text (at the start or after a space): the picker's query. */
const SLASH = /(^|\s)\/([a-z0-9_-]{0,32})$/i;

export interface CannedPicker {
  /** Handles arrows, Enter and Escape while the list is open; true when it did. */
  onKeyDown: (event: KeyboardEvent) => boolean;
  /** ARIA combobox attributes for the textarea. */
  comboProps: Record<string, string | boolean | undefined>;
  list: preact.JSX.Element | null;
}

function matches(items: readonly ContentItem[], query: string): ContentItem[] {
  const q = query.toLowerCase();
  const canned = items.filter((i) => i.kind === 'canned' && i.shortcut);
  const starts = canned.filter((i) => i.shortcut!.startsWith(q));
  const contains = canned.filter(
    (i) => !starts.includes(i) && (i.title.toLowerCase().includes(q) || i.shortcut!.includes(q)),
  );
  return [...starts, ...contains].slice(0, 8);
}

/**
 * Typing `/` opens the queue's canned responses, filtered by what follows; ↑/↓ choose,
 * Enter (or Tab) inserts the chosen one with its variables filled, Escape closes.
 */
export function useCannedPicker(options: {
  conversationId: string;
  text: string;
  setText: (value: string) => void;
  enabled: boolean;
  content: ConversationContent;
}): CannedPicker {
  const { t } = useConsole();
  const { conversationId, text, setText, enabled, content } = options;
  const [active, setActive] = useState(0);
  const [dismissedAt, setDismissedAt] = useState<string | null>(null);
  const match = enabled ? SLASH.exec(text) : null;
  const open = match !== null && dismissedAt !== text;
  const query = match?.[2] ?? '';
  const options_ = open ? matches(content.items ?? [], query) : [];
  const index = Math.min(active, Math.max(0, options_.length - 1));
  const listId = `canned-${conversationId}`;
  const optionId = (i: number) => `${listId}-${i}`;

  const insert = (item: ContentItem) => {
    const start = (match?.index ?? text.length) + (match?.[1]?.length ?? 0);
    setText(text.slice(0, start) + fillContentVariables(item.body, content.variables));
    setActive(0);
  };

  const onKeyDown = (event: KeyboardEvent): boolean => {
    if (!open) return false;
    switch (event.key) {
      case 'ArrowDown':
        setActive((index + 1) % Math.max(1, options_.length));
        break;
      case 'ArrowUp':
        setActive((index - 1 + options_.length) % Math.max(1, options_.length));
        break;
      case 'Enter':
      case 'Tab': {
        const chosen = options_[index];
        if (!chosen || event.shiftKey) return false;
        insert(chosen);
        break;
      }
      case 'Escape':
        setDismissedAt(text);
        break;
      default:
        return false;
    }
    event.preventDefault();
    return true;
  };

  const expanded = open && options_.length > 0;
  const list = open ? (
    <div class="canned-picker">
      {options_.length > 0 ? (
        <div id={listId} role="listbox" aria-label={t('cannedPickerLabel')}>
          {options_.map((item, i) => (
            <div
              key={item.id}
              tabIndex={-1}
              id={optionId(i)}
              role="option"
              aria-selected={i === index}
              class={i === index ? 'active' : undefined}
              onMouseDown={(event) => {
                event.preventDefault();
                insert(item);
              }}
            >
              <span class="shortcut">/{item.shortcut}</span> <span class="title">{item.title}</span>
              <span class="preview">{fillContentVariables(item.body, content.variables)}</span>
            </div>
          ))}
        </div>
      ) : (
        <p class="muted">
          {content.items === null ? t('assistLoading') : t('cannedNone', { query })}
        </p>
      )}
      <p class="vh" role="status">
        {t('cannedCount', { count: options_.length })}
      </p>
    </div>
  ) : null;

  return {
    onKeyDown,
    comboProps: enabled
      ? {
          role: 'combobox',
          'aria-autocomplete': 'list',
          'aria-expanded': expanded ? 'true' : 'false',
          'aria-controls': expanded ? listId : undefined,
          'aria-activedescendant': expanded ? optionId(index) : undefined,
        }
      : {},
    list,
  };
}

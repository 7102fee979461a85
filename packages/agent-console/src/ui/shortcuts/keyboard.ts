import { useEffect, useRef } from 'preact/hooks';

/** What the agent's keyboard shortcuts act on (the agent view's current state). */
export interface ShortcutTargets {
  /** Accepts the first waiting patient (the queue is sorted: emergencies first). */
  acceptNext(): void;
  /** Moves to the next (+1) or previous (−1) of her conversations. */
  cycle(step: 1 | -1): void;
  /** Puts the focus in the reply box of the open conversation. */
  focusReply(): void;
  /** Opens the list of shortcuts. */
  showList(): void;
}

/** The shortcuts, as the list shows them (`keys` in display order). */
export const SHORTCUTS = [
  { id: 'acceptNext', keys: ['Alt', 'Shift', 'A'] },
  { id: 'nextConversation', keys: ['Alt', 'Shift', '↓'] },
  { id: 'previousConversation', keys: ['Alt', 'Shift', '↑'] },
  { id: 'focusReply', keys: ['Alt', 'Shift', 'R'] },
  { id: 'showShortcuts', keys: ['?'] },
  { id: 'send', keys: ['Enter'] },
  { id: 'newLine', keys: ['Shift', 'Enter'] },
  { id: 'canned', keys: ['/'] },
  { id: 'closeDialog', keys: ['Esc'] },
] as const;

const editing = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/**
 * Which shortcut a key press is, or null. Alt+Shift chords work everywhere (they type nothing
 * in a text field); `?` only outside a text field, where it would otherwise be typed.
 */
export function shortcutOf(
  event: KeyboardEvent,
): 'acceptNext' | 'focusReply' | 'showList' | 'next' | 'previous' | null {
  if (event.altKey && event.shiftKey && !event.ctrlKey && !event.metaKey) {
    if (event.code === 'KeyA') return 'acceptNext';
    if (event.code === 'KeyR') return 'focusReply';
    if (event.key === 'ArrowDown') return 'next';
    if (event.key === 'ArrowUp') return 'previous';
    return null;
  }
  if (event.key === '?' && !event.altKey && !event.ctrlKey && !event.metaKey) {
    return editing(event.target) ? null : 'showList';
  }
  return null;
}

/** Listens on the document while the agent view is shown. */
export function useAgentShortcuts(targets: ShortcutTargets): void {
  const current = useRef(targets);
  current.current = targets;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      const which = shortcutOf(event);
      if (!which) return;
      event.preventDefault();
      const t = current.current;
      if (which === 'next') t.cycle(1);
      else if (which === 'previous') t.cycle(-1);
      else t[which]();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}

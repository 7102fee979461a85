import type { RefObject } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

/** How close to its end (CSS px) a log counts as showing the newest line. */
const AT_END = 24;

/**
 * Keeps a scrolling log on its newest line while the reader is there: a new line, or the log
 * or its content changing size (the window resized, the composer grown, a toolbar wrapped, an
 * image loaded) does not leave the latest message cut off. A reader scrolled up to read back
 * stays where she is when a line arrives, except for a line of her own (`ownNewest`: its key
 * when the newest line is one she just sent), which brings the log to its end, as in Chatwoot.
 */
export function useStickToBottom(ref: RefObject<HTMLElement>, ownNewest?: string): void {
  // `pinned`: the scroll position this hook last set. A scroll event reports a position after
  // the fact: lines that arrived since then make the log look scrolled up when it was not.
  const follow = useRef({ atEnd: true, pinned: Number.POSITIVE_INFINITY });
  useEffect(() => {
    const log = ref.current;
    if (!log || typeof ResizeObserver !== 'function') return;
    const state = follow.current;
    const onScroll = () => {
      const end = log.scrollHeight - log.scrollTop - log.clientHeight < AT_END;
      state.atEnd = end || log.scrollTop >= state.pinned - 1;
      if (!state.atEnd) state.pinned = Number.POSITIVE_INFINITY; // the reader scrolled up
    };
    const observer = new ResizeObserver(() => {
      if (state.atEnd) toEnd(log, state);
    });
    log.addEventListener('scroll', onScroll, { passive: true });
    // The log's box, and what it holds (new lines, lines re-wrapping, a card or image loading).
    for (const box of [log, ...Array.from(log.children)]) observer.observe(box);
    return () => {
      observer.disconnect();
      log.removeEventListener('scroll', onScroll);
    };
  }, [ref]);

  useEffect(() => {
    const log = ref.current;
    if (log && ownNewest !== undefined) toEnd(log, follow.current);
  }, [ref, ownNewest]);
}

function toEnd(log: HTMLElement, state: { atEnd: boolean; pinned: number }): void {
  log.scrollTop = log.scrollHeight;
  state.atEnd = true;
  state.pinned = log.scrollTop;
}

import type { RefObject } from 'preact';
import { useEffect } from 'preact/hooks';

/** How close to its end (CSS px) a log counts as showing the newest line. */
const AT_END = 24;

/**
 * Keeps a scrolling log on its newest line while the reader is there, also when the log
 * or its content changes size without a new line (the window resized, the composer grown, a
 * toolbar wrapped, an image loaded): the latest message is not left cut off.
 */
export function useStickToBottom(ref: RefObject<HTMLElement>): void {
  useEffect(() => {
    const log = ref.current;
    if (!log || typeof ResizeObserver !== 'function') return;
    let atEnd = true;
    const onScroll = () => {
      atEnd = log.scrollHeight - log.scrollTop - log.clientHeight < AT_END;
    };
    const observer = new ResizeObserver(() => {
      if (atEnd) log.scrollTop = log.scrollHeight;
    });
    log.addEventListener('scroll', onScroll, { passive: true });
    // The log's box, and what it holds (lines re-wrapping, a card or an image loading).
    for (const box of [log, ...Array.from(log.children)]) observer.observe(box);
    return () => {
      observer.disconnect();
      log.removeEventListener('scroll', onScroll);
    };
  }, [ref]);
}

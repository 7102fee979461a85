import type { RefObject } from 'preact';
import { useEffect } from 'preact/hooks';

/** How close to its end (CSS px) a log counts as showing the newest line. */
const AT_END = 24;

/**
 * Keeps a scrolling log on its newest line while the reader is there, also when the log
 * itself grows or shrinks (the window resized, the composer grown, a toolbar wrapped): the
 * agent never finds the latest message cut off under the composer.
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
    observer.observe(log);
    return () => {
      observer.disconnect();
      log.removeEventListener('scroll', onScroll);
    };
  }, [ref]);
}

/**
 * Bring the log's newest entry into view: its end, or its start when it is taller than the
 * log (a long Adaptive Card is read from its top).
 */
export function revealNewest(log: HTMLElement | null): void {
  const newest = log?.lastElementChild;
  if (!log || !newest) return;
  const box = newest.getBoundingClientRect();
  const view = log.getBoundingClientRect();
  const below = box.bottom - view.bottom;
  if (below > 0) log.scrollTop += Math.min(below, box.top - view.top);
}

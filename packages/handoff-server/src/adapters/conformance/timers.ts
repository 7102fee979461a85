type TimerHandle = ReturnType<typeof setTimeout>;

interface Tracked {
  handle: TimerHandle;
  repeat: boolean;
  done: boolean;
}

/**
 * Records the timers and intervals created while it is installed (by patching the globals),
 * so a test can ask which of them still hold the process open: neither fired (timeouts),
 * cleared, nor unref'd. Call `restore` in a `finally`.
 */
export function trackTimers(): { pending(): number; restore(): void } {
  const originals = {
    setTimeout: globalThis.setTimeout,
    setInterval: globalThis.setInterval,
    clearTimeout: globalThis.clearTimeout,
    clearInterval: globalThis.clearInterval,
  };
  const tracked: Tracked[] = [];
  const find = (handle: unknown) => tracked.find((entry) => entry.handle === handle);
  const create = (repeat: boolean) =>
    ((callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
      const entry: Tracked = { handle: undefined as unknown as TimerHandle, repeat, done: false };
      const run = (...inner: unknown[]) => {
        if (!repeat) entry.done = true;
        callback(...inner);
      };
      const schedule = repeat ? originals.setInterval : originals.setTimeout;
      entry.handle = schedule(run, ms, ...args) as TimerHandle;
      tracked.push(entry);
      return entry.handle;
    }) as unknown as typeof setTimeout;
  const clear = (original: (handle?: TimerHandle) => void) => (handle?: TimerHandle) => {
    const entry = find(handle);
    if (entry) entry.done = true;
    original(handle);
  };
  globalThis.setTimeout = Object.assign(create(false), originals.setTimeout);
  globalThis.setInterval = Object.assign(
    create(true) as unknown as typeof setInterval,
    originals.setInterval,
  );
  globalThis.clearTimeout = clear(originals.clearTimeout) as typeof clearTimeout;
  globalThis.clearInterval = clear(originals.clearInterval) as typeof clearInterval;
  return {
    pending: () =>
      tracked.filter((entry) => !entry.done && (entry.handle.hasRef?.() ?? true)).length,
    restore: () => Object.assign(globalThis, originals),
  };
}

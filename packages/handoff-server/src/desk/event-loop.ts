import { setImmediate } from 'node:timers';

/**
 * Lets the event loop run (socket reads and writes, heartbeats, timers) before going on: a
 * backlog of desk work over a synchronous store would otherwise run as one chain of promise
 * callbacks and starve every socket. The real `setImmediate`, so fake timers do not hold it.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

import { afterEach, vi } from 'vitest';

// An unexpected console.error fails the test that caused it. A test that expects
// one spies on console.error itself (vi.spyOn) and restores it.
let unexpected: unknown[][] = [];
const original = console.error;

console.error = (...args: unknown[]) => {
  unexpected.push(args);
  original(...args);
};

afterEach(() => {
  const seen = unexpected;
  unexpected = [];
  if (seen.length > 0 && !vi.isMockFunction(console.error)) {
    throw new Error(`unexpected console.error during test: ${String(seen[0]?.[0])}`);
  }
});

import type { ConversationStore } from '../storage/contract';

/** How far back measured claims count, and how many are needed for an honest estimate. */
export const WAIT_WINDOW_MS = 60 * 60_000;
export const MIN_WAIT_SAMPLES = 3;
const MAX_SAMPLES = 50;

/** The estimated wait of the patient at a position (`null`: nothing honest to show). */
export type WaitEstimator = (position: number) => number | null;

/**
 * The wait estimator of `queue`, from the claims measured in the store (the same on every
 * node, kept across restarts): the patient at the front waits about the recent median wait;
 * each patient ahead of her adds the recent median interval between two claims (how often
 * an agent takes the next one). It answers `null`, so nothing is shown, when nobody is
 * available for the queue or there are fewer than {@link MIN_WAIT_SAMPLES} recent claims.
 * One bounded indexed query, however many positions are then estimated.
 */
export async function waitEstimator(
  store: Pick<ConversationStore, 'recentQueueWaits'>,
  queue: string,
  agentsOnline: number,
  now = Date.now(),
): Promise<WaitEstimator> {
  if (agentsOnline <= 0) return () => null;
  const since = new Date(now - WAIT_WINDOW_MS).toISOString();
  const samples = await store.recentQueueWaits(queue, since, MAX_SAMPLES);
  if (samples.length < MIN_WAIT_SAMPLES) return () => null;
  const wait = median(samples.map((s) => s.waitedMs / 1000));
  const claims = samples.map((s) => Date.parse(s.claimedAt)).sort((a, b) => a - b);
  const interval = median(claims.slice(1).map((at, i) => (at - claims[i]!) / 1000));
  return (position) => Math.round(wait + Math.max(0, position - 1) * interval);
}

/** The median of a non-empty list. */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** The estimated wait of the `position`-th patient of `queue` (see {@link waitEstimator}). */
export async function estimateWait(
  store: Pick<ConversationStore, 'recentQueueWaits'>,
  queue: string,
  position: number,
  agentsOnline: number,
  now = Date.now(),
): Promise<number | null> {
  return (await waitEstimator(store, queue, agentsOnline, now))(position);
}

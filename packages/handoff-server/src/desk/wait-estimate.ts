import type { ConversationStore } from '../storage/contract';

/** How far back measured claims count, and how many are needed for an honest estimate. */
export const WAIT_WINDOW_MS = 60 * 60_000;
export const MIN_WAIT_SAMPLES = 3;
const MAX_SAMPLES = 50;

/** The estimated wait of the patient at a position (`null`: nothing honest to show). */
export type WaitEstimator = (position: number) => number | null;

/**
 * The wait estimator of `queue`, from the claims measured in the store (the same on every
 * node, kept across restarts): the queue's recent throughput (patients taken per second over
 * the window the samples span) gives how long the line ahead takes; it is never shorter than
 * the recent median wait. It answers `null`, so nothing is shown, when nobody is online for
 * the queue or there are fewer than {@link MIN_WAIT_SAMPLES} recent claims. One bounded
 * indexed query, however many positions are then estimated.
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
  const oldest = Math.min(...samples.map((s) => Date.parse(s.claimedAt)));
  const spanSeconds = Math.max(60, (now - oldest) / 1000);
  const perSecond = samples.length / spanSeconds;
  const waits = samples.map((s) => s.waitedMs / 1000).sort((a, b) => a - b);
  const median = waits[Math.floor(waits.length / 2)]!;
  return (position) => Math.round(Math.max(median, position / perSecond));
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

import type { DurableScheduler } from '../engine/scheduler';
import type { EngineLogger } from '../engine/types';
import type { ConversationStore } from '../storage/contract';
import { effectiveRetention } from './settings';

export const RETENTION_KIND = 'retention';
const RETENTION_KEY = 'purge';
const DAY_MS = 86_400_000;

export interface RetentionOptions {
  store: ConversationStore;
  scheduler: DurableScheduler;
  logger: EngineLogger;
  /** `BATON_RETENTION_DAYS`: applies until an administrator stores a policy. */
  seedDays: number | null;
  /** How often the purge runs. Default a day. */
  intervalMs?: number;
  /** The first run, from start. Default a minute. */
  firstRunMs?: number;
}

/** What one purge did (or would do): the cutoff and how many conversations. */
export interface RetentionRun {
  finishedDays: number | null;
  cutoff: string | null;
  conversations: number;
}

/** Purges conversations finished more than the policy's days ago (none when it is off). */
export async function purgeExpired(
  store: ConversationStore,
  seedDays: number | null,
  dryRun: boolean,
  now = Date.now(),
): Promise<RetentionRun> {
  const { finishedDays } = await effectiveRetention(store, seedDays);
  if (finishedDays === null) return { finishedDays, cutoff: null, conversations: 0 };
  const cutoff = new Date(now - finishedDays * DAY_MS);
  const conversations = dryRun
    ? await store.countFinishedBefore(cutoff)
    : (await store.purgeFinishedBefore(cutoff)).conversations;
  return { finishedDays, cutoff: cutoff.toISOString(), conversations };
}

/**
 * The scheduled retention purge: one row in the store's schedules, claimed by one node at a
 * time, re-armed for the next day by the node that ran it (each purged conversation is
 * audited `retention.purge` by the store).
 */
export function scheduleRetention(options: RetentionOptions): void {
  const { store, scheduler, logger } = options;
  const interval = options.intervalMs ?? DAY_MS;
  scheduler.handle(RETENTION_KIND, async (key) => {
    const run = await purgeExpired(store, options.seedDays, false);
    if (run.conversations > 0)
      logger.info({ conversations: run.conversations }, 'retention purge done');
    // Re-armed before the row completes: the claimed row stays, due again tomorrow.
    await store.setSchedule(RETENTION_KIND, key, new Date(Date.now() + interval).toISOString());
  });
  // Armed when a policy is configured; an administrator's first policy arms it too.
  if (options.seedDays !== null)
    scheduler.ensure(RETENTION_KIND, RETENTION_KEY, options.firstRunMs ?? 60_000);
}

/** Arms the scheduled purge if no node did (after an administrator stores a policy). */
export async function armRetention(store: ConversationStore, inMs = 60_000): Promise<void> {
  await store.ensureSchedule(
    RETENTION_KIND,
    RETENTION_KEY,
    new Date(Date.now() + inMs).toISOString(),
  );
}

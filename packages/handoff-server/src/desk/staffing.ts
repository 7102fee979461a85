import type { QueueStaffing } from '../adapters/desk-host';
import type { ConversationStore } from '../storage/contract';
import { type BusinessHours, isOpenAt } from './business-hours';

/**
 * Whether a queue can serve a patient now: within its business hours (if it has any) and
 * with an agent of that queue signed in (available, busy or away: she may come back to the
 * queue; only nobody signed in strands the patient). `checkAgents: false` when agents live
 * in another system (webhook, Bot Framework hub): then only the hours count.
 */
export async function queueStaffing(
  store: Pick<ConversationStore, 'listAgents'>,
  queue: string,
  hours: BusinessHours | undefined,
  options: { checkAgents?: boolean; now?: Date } = {},
): Promise<QueueStaffing> {
  if (hours && !isOpenAt(hours, options.now ?? new Date()))
    return {
      open: false,
      staffed: false,
      ...(hours.outOfHoursMessage ? { notice: hours.outOfHoursMessage } : {}),
    };
  if (options.checkAgents === false) return { open: true, staffed: true };
  return { open: true, staffed: await queueSignedIn(store, queue) };
}

/** Whether any agent of `queue` is signed in (any presence but offline). */
export async function queueSignedIn(
  store: Pick<ConversationStore, 'listAgents'>,
  queue: string,
): Promise<boolean> {
  const agents = await store.listAgents({ queue });
  return agents.some((agent) => agent.presence !== 'offline');
}

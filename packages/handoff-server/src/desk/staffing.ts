import type { QueueStaffing } from '../engine/types';
import type { ConversationStore } from '../storage/contract';
import { type BusinessHours, isOpenAt } from './business-hours';

/**
 * Whether a queue can serve a patient now: within its business hours (if it has any) and
 * with an agent of that queue online. `checkAgents: false` when agents live in another
 * system (webhook, Bot Framework hub): then only the hours count.
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
  const online = await store.listAgents({ queue, presence: 'online' });
  return { open: true, staffed: online.length > 0 };
}

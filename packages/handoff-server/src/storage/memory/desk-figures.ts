import type { DeskFigureOps } from '../desk-figures';
import { compareText } from '../shared';
import type { MemoryState } from './state';

/**
 * Desk figures: places from the per-priority counts the queue keeps, dashboard counts by
 * scanning the maps (the in-memory store is for tests and trials).
 */
export function memoryDeskFigures(state: MemoryState): DeskFigureOps {
  return {
    async queuePosition(conversationId) {
      const entry = state.queue.get(conversationId);
      if (!entry) return null;
      const behind = state.queue.behind(entry);
      return {
        ...entry,
        position: state.queue.waitingThrough(entry.queue, entry.priority) - behind,
        last: behind === 0 && !state.queue.lowerWaiting(entry.queue, entry.priority),
      };
    },

    async queuedQueueNames() {
      return [...state.queue.queueNames()].sort(compareText);
    },

    async countQueuedAhead(queue, priority) {
      return state.queue.waitingThrough(queue, priority);
    },

    async deskCounts(since) {
      const counts = {
        bot: 0,
        handoffRequested: 0,
        queued: 0,
        assigned: 0,
        endedSince: 0,
        abandonedSince: 0,
        oldestQueuedAt: null as string | null,
      };
      const from = Date.parse(since);
      for (const c of state.conversations.values()) {
        if (c.state === 'bot') counts.bot += 1;
        else if (c.state === 'handoff_requested') counts.handoffRequested += 1;
        else if (c.state === 'queued') counts.queued += 1;
        else if (c.state === 'assigned') counts.assigned += 1;
        else if (c.endedAt !== null && Date.parse(c.endedAt) >= from) {
          if (c.state === 'ended') counts.endedSince += 1;
          if (c.state === 'abandoned') counts.abandonedSince += 1;
        }
      }
      for (const entry of state.queue.values())
        if (
          counts.oldestQueuedAt === null ||
          compareText(entry.enqueuedAt, counts.oldestQueuedAt) < 0
        )
          counts.oldestQueuedAt = entry.enqueuedAt;
      return counts;
    },
  };
}

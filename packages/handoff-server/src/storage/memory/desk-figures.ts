import type { DeskFigureOps } from '../desk-figures';
import { compareText, PRIORITY_RANK } from '../shared';
import type { MemoryState } from './state';

/** Desk figures by scanning the maps (the in-memory store is for tests and trials). */
export function memoryDeskFigures(state: MemoryState): DeskFigureOps {
  return {
    async queuePosition(conversationId) {
      const entry = state.queue.get(conversationId);
      if (!entry) return null;
      let position = 1;
      let last = true;
      for (const other of state.queue.values()) {
        if (other.queue !== entry.queue) continue;
        const before =
          PRIORITY_RANK[other.priority] - PRIORITY_RANK[entry.priority] ||
          compareText(other.enqueuedAt, entry.enqueuedAt) ||
          compareText(other.conversationId, entry.conversationId);
        if (before < 0) position += 1;
        if (before > 0) last = false;
      }
      return { ...entry, position, last };
    },

    async queuedQueueNames() {
      return [...new Set([...state.queue.values()].map((entry) => entry.queue))].sort(compareText);
    },

    async countQueuedAhead(queue, priority) {
      let ahead = 0;
      for (const entry of state.queue.values())
        if (entry.queue === queue && PRIORITY_RANK[entry.priority] <= PRIORITY_RANK[priority])
          ahead += 1;
      return ahead;
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

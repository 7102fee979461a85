import type { AgentOps } from '../composed';
import type { AgentRecord } from '../records';
import { compareText, nowIso } from '../shared';
import type { AgentRow, MemoryState } from './state';

/** Agents (with a derived active count). */
export function memoryAgents(state: MemoryState): AgentOps {
  const agentRecord = (row: AgentRow): AgentRecord => {
    let activeCount = 0;
    for (const c of state.conversations.values()) {
      if (c.state === 'assigned' && c.assignedAgentId === row.id) activeCount += 1;
    }
    return { ...row, queues: [...row.queues], activeCount };
  };

  return {
    async upsertAgent(agent) {
      const previous = state.agents.get(agent.id);
      const row: AgentRow = {
        id: agent.id,
        displayName: agent.displayName,
        queues: [...agent.queues],
        capacity: agent.capacity,
        presence: previous?.presence ?? 'offline',
        updatedAt: nowIso(),
      };
      state.agents.set(row.id, row);
      return agentRecord(row);
    },

    async getAgent(id) {
      const row = state.agents.get(id);
      return row ? agentRecord(row) : null;
    },

    async listAgents(filter = {}) {
      return [...state.agents.values()]
        .filter((a) => filter.queue === undefined || a.queues.includes(filter.queue))
        .filter((a) => filter.presence === undefined || a.presence === filter.presence)
        .sort((a, b) => compareText(a.id, b.id))
        .map(agentRecord);
    },

    async setAgentPresence(id, presence) {
      const row = state.agents.get(id);
      if (!row) return null;
      const next = { ...row, presence, updatedAt: nowIso() };
      state.agents.set(id, next);
      return agentRecord(next);
    },
  };
}

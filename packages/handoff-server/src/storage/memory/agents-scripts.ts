import { HandoffServerError } from '../../internal/errors';
import type { AgentScriptOps } from '../composed';
import type { AgentRecord, AgentScript } from '../records';
import { compareText, nowIso } from '../shared';
import type { AgentRow, MemoryState } from './state';

/** Agents (with a derived active count) and canned scripts. */
export function memoryAgentsAndScripts(state: MemoryState): AgentScriptOps {
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

    async createScript(script) {
      if (state.scripts.has(script.id)) throw new HandoffServerError('conflict');
      const now = nowIso();
      const record: AgentScript = {
        ...script,
        queue: script.queue ?? null,
        createdAt: now,
        updatedAt: now,
      };
      state.scripts.set(record.id, record);
      return { ...record };
    },

    async updateScript(id, patch) {
      const current = state.scripts.get(id);
      if (!current) return null;
      const next: AgentScript = {
        ...current,
        title: patch.title ?? current.title,
        body: patch.body ?? current.body,
        queue: patch.queue === undefined ? current.queue : patch.queue,
        updatedAt: nowIso(),
      };
      state.scripts.set(id, next);
      return { ...next };
    },

    async deleteScript(id) {
      return state.scripts.delete(id);
    },

    async getScript(id) {
      const found = state.scripts.get(id);
      return found ? { ...found } : null;
    },

    async listScripts(filter = {}) {
      return [...state.scripts.values()]
        .filter((s) => filter.queue === undefined || s.queue === null || s.queue === filter.queue)
        .sort((a, b) => compareText(a.title, b.title) || compareText(a.id, b.id))
        .map((s) => ({ ...s }));
    },
  };
}

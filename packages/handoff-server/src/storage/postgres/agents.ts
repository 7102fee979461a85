import type { AgentOps } from '../composed';
import type { AgentRecord } from '../records';
import * as rows from '../rows';
import { all, one, type PostgresContext, query } from './context';

const AGENT_SELECT = `SELECT a.*, (SELECT COUNT(*) FROM conversations c
  WHERE c.state = 'assigned' AND c.assigned_agent_id = a.id) AS active_count FROM agents a`;

/** Agents (queues as text[], active count derived). */
export function postgresAgents(ctx: PostgresContext): AgentOps {
  const { pool } = ctx;

  const readAgent = async (id: string): Promise<AgentRecord | null> => {
    const row = await one(pool, `${AGENT_SELECT} WHERE a.id = $1`, [id]);
    return row ? rows.toAgent(row) : null;
  };

  return {
    async upsertAgent(agent) {
      await query(
        pool,
        `INSERT INTO agents (id, display_name, queues, capacity, presence, updated_at)
         VALUES ($1, $2, $3, $4, 'offline', now()) ON CONFLICT (id) DO UPDATE SET
           display_name = excluded.display_name, queues = excluded.queues,
           capacity = excluded.capacity, updated_at = excluded.updated_at`,
        [agent.id, agent.displayName, agent.queues, agent.capacity],
      );
      return (await readAgent(agent.id))!;
    },

    async getAgent(id) {
      return readAgent(id);
    },

    async listAgents(filter = {}) {
      const list = await all(
        pool,
        `${AGENT_SELECT} WHERE ($1::text IS NULL OR $1 = ANY(a.queues))
         AND ($2::text IS NULL OR a.presence = $2) ORDER BY a.id`,
        [filter.queue ?? null, filter.presence ?? null],
      );
      return list.map(rows.toAgent);
    },

    async setAgentPresence(id, presence) {
      await query(pool, 'UPDATE agents SET presence = $2, updated_at = now() WHERE id = $1', [
        id,
        presence,
      ]);
      return readAgent(id);
    },
  };
}

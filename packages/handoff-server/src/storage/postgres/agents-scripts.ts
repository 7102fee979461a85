import type { AgentScriptOps } from '../composed';
import type { AgentRecord } from '../records';
import * as rows from '../rows';
import { nowIso } from '../shared';
import { affected, all, one, type PostgresContext, query } from './context';

const AGENT_SELECT = `SELECT a.*, (SELECT COUNT(*) FROM conversations c
  WHERE c.state = 'assigned' AND c.assigned_agent_id = a.id) AS active_count FROM agents a`;

/** Agents (queues as text[], active count derived) and canned scripts. */
export function postgresAgentsAndScripts(ctx: PostgresContext): AgentScriptOps {
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

    async createScript(script) {
      const row = await one(
        pool,
        `INSERT INTO agent_scripts (id, title, body, queue, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $5) RETURNING *`,
        [script.id, script.title, script.body, script.queue ?? null, nowIso()],
      );
      return rows.toScript(row!);
    },

    async updateScript(id, patch) {
      const row = await one(
        pool,
        `UPDATE agent_scripts SET title = COALESCE($2, title), body = COALESCE($3, body),
           queue = CASE WHEN $4::boolean THEN $5 ELSE queue END, updated_at = $6
         WHERE id = $1 RETURNING *`,
        [
          id,
          patch.title ?? null,
          patch.body ?? null,
          patch.queue !== undefined,
          patch.queue ?? null,
          nowIso(),
        ],
      );
      return row ? rows.toScript(row) : null;
    },

    async deleteScript(id) {
      return (await affected(pool, 'DELETE FROM agent_scripts WHERE id = $1', [id])) > 0;
    },

    async getScript(id) {
      const row = await one(pool, 'SELECT * FROM agent_scripts WHERE id = $1', [id]);
      return row ? rows.toScript(row) : null;
    },

    async listScripts(filter = {}) {
      const list = await all(
        pool,
        `SELECT * FROM agent_scripts WHERE $1::text IS NULL OR queue IS NULL OR queue = $1
         ORDER BY title COLLATE "C", id`,
        [filter.queue ?? null],
      );
      return list.map(rows.toScript);
    },
  };
}

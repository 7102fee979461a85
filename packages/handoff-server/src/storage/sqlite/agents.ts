import type { AgentOps } from '../composed';
import type { AgentRecord } from '../records';
import * as rows from '../rows';
import { nowIso } from '../shared';
import { type Row, type SqliteContext, write } from './context';

const AGENT_SELECT = `SELECT a.*, (SELECT COUNT(*) FROM conversations c
  WHERE c.state = 'assigned' AND c.assigned_agent_id = a.id) AS active_count FROM agents a`;

/** Agents (queues as JSON text, active count derived). */
export function sqliteAgents(ctx: SqliteContext): AgentOps {
  const { db } = ctx;

  const readAgent = (id: string): AgentRecord | null => {
    const row = db.prepare(`${AGENT_SELECT} WHERE a.id = ?`).get(id) as Row | undefined;
    return row ? rows.toAgent(row) : null;
  };

  return {
    async upsertAgent(agent) {
      return write(ctx, () => {
        db.prepare(
          `INSERT INTO agents (id, display_name, queues, capacity, presence, updated_at)
           VALUES (?, ?, ?, ?, 'offline', ?) ON CONFLICT (id) DO UPDATE SET
             display_name = excluded.display_name, queues = excluded.queues,
             capacity = excluded.capacity, updated_at = excluded.updated_at`,
        ).run(agent.id, agent.displayName, JSON.stringify(agent.queues), agent.capacity, nowIso());
        return readAgent(agent.id)!;
      });
    },

    async getAgent(id) {
      return readAgent(id);
    },

    async listAgents(filter = {}) {
      const list = (db.prepare(`${AGENT_SELECT} ORDER BY a.id`).all() as Row[]).map(rows.toAgent);
      return list
        .filter((a) => filter.queue === undefined || a.queues.includes(filter.queue))
        .filter((a) => filter.presence === undefined || a.presence === filter.presence);
    },

    async setAgentPresence(id, presence) {
      return write(ctx, () => {
        db.prepare('UPDATE agents SET presence = ?, updated_at = ? WHERE id = ?').run(
          presence,
          nowIso(),
          id,
        );
        return readAgent(id);
      });
    },
  };
}

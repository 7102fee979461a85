import type { AgentScriptOps } from '../composed';
import type { AgentRecord, AgentScript } from '../records';
import * as rows from '../rows';
import { nowIso } from '../shared';
import { type Row, type SqliteContext, write } from './context';

const AGENT_SELECT = `SELECT a.*, (SELECT COUNT(*) FROM conversations c
  WHERE c.state = 'assigned' AND c.assigned_agent_id = a.id) AS active_count FROM agents a`;

/** Agents (queues as JSON text, active count derived) and canned scripts. */
export function sqliteAgentsAndScripts(ctx: SqliteContext): AgentScriptOps {
  const { db } = ctx;

  const readAgent = (id: string): AgentRecord | null => {
    const row = db.prepare(`${AGENT_SELECT} WHERE a.id = ?`).get(id) as Row | undefined;
    return row ? rows.toAgent(row) : null;
  };

  const readScript = (id: string): AgentScript | null => {
    const row = db.prepare('SELECT * FROM agent_scripts WHERE id = ?').get(id) as Row | undefined;
    return row ? rows.toScript(row) : null;
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

    async createScript(script) {
      const now = nowIso();
      return write(ctx, () => {
        db.prepare(
          'INSERT INTO agent_scripts (id, title, body, queue, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
        ).run(script.id, script.title, script.body, script.queue ?? null, now, now);
        return readScript(script.id)!;
      });
    },

    async updateScript(id, patch) {
      return write(ctx, () => {
        const current = readScript(id);
        if (!current) return null;
        db.prepare(
          'UPDATE agent_scripts SET title = ?, body = ?, queue = ?, updated_at = ? WHERE id = ?',
        ).run(
          patch.title ?? current.title,
          patch.body ?? current.body,
          patch.queue === undefined ? current.queue : patch.queue,
          nowIso(),
          id,
        );
        return readScript(id);
      });
    },

    async deleteScript(id) {
      return write(
        ctx,
        () => db.prepare('DELETE FROM agent_scripts WHERE id = ?').run(id).changes > 0,
      );
    },

    async getScript(id) {
      return readScript(id);
    },

    async listScripts(filter = {}) {
      const list =
        filter.queue === undefined
          ? db.prepare('SELECT * FROM agent_scripts ORDER BY title, id').all()
          : db
              .prepare(
                'SELECT * FROM agent_scripts WHERE queue IS NULL OR queue = ? ORDER BY title, id',
              )
              .all(filter.queue);
      return (list as Row[]).map(rows.toScript);
    },
  };
}

import type { StaffRole } from '../../auth/principal';
import { iso } from '../rows';
import { nowIso, PRIORITY_RANK } from '../shared';
import { type AgentWorkOps, frontOf, type StaffSessionRecord } from '../staff-sessions';
import { affected, one, type PostgresContext, query, type Row, transaction } from './context';
import { compareAndSet } from './conversations';

function toSession(row: Row): StaffSessionRecord {
  return {
    id: String(row.id),
    staffId: String(row.staff_id),
    displayName: String(row.display_name),
    roles: [...(row.roles as StaffRole[])],
    clinical: row.clinical === true,
    queues: [...(row.queues as string[])],
    createdAt: iso(row.created_at as Date),
    lastActiveAt: iso(row.last_active_at as Date),
    endedAt: row.ended_at === null ? null : iso(row.ended_at as Date),
  };
}

/** Grace requeue (one transaction, conditional UPDATE) and staff sessions. */
export function postgresAgentWork(ctx: PostgresContext): AgentWorkOps {
  const { pool } = ctx;
  const read = async (id: string) => {
    const row = await one(pool, 'SELECT * FROM staff_sessions WHERE id = $1', [id]);
    return row ? toSession(row) : null;
  };
  return {
    async requeueAtFront(conversationId, agentId) {
      return transaction(ctx, async (db) => {
        const change = await compareAndSet(
          db,
          conversationId,
          { next: 'queued', assignedAgentId: null },
          "state = 'assigned' AND assigned_agent_id = $10",
          [agentId],
        );
        if (!change.ok) {
          const current = change.current;
          if (current?.state === 'assigned') return { ok: false, reason: 'not_assignee', current };
          return change;
        }
        const c = change.conversation;
        const queue = c.queue ?? 'general';
        const oldest = await one(
          db,
          'SELECT MIN(enqueued_at) AS oldest FROM queue_entries WHERE queue = $1 AND priority = $2',
          [queue, c.priority],
        );
        const since = oldest?.oldest ? iso(oldest.oldest as Date) : null;
        await query(
          db,
          `INSERT INTO queue_entries (conversation_id, queue, priority, priority_rank, enqueued_at)
           VALUES ($1, $2, $3, $4, $5)`,
          [conversationId, queue, c.priority, PRIORITY_RANK[c.priority], frontOf(since, nowIso())],
        );
        if (c.queue === null) {
          await query(db, 'UPDATE conversations SET queue = $2 WHERE id = $1', [
            conversationId,
            queue,
          ]);
          return { ok: true, conversation: { ...c, queue } };
        }
        return change;
      });
    },

    async createStaffSession(input) {
      const now = nowIso();
      await query(
        pool,
        `INSERT INTO staff_sessions (id, staff_id, display_name, roles, clinical, queues,
           created_at, last_active_at, ended_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7, NULL)`,
        [
          input.id,
          input.staffId,
          input.displayName,
          input.roles,
          input.clinical,
          input.queues,
          now,
        ],
      );
      return (await read(input.id)) as StaffSessionRecord;
    },

    getStaffSession: read,

    async touchStaffSession(id) {
      const row = await one(
        pool,
        'UPDATE staff_sessions SET last_active_at = $2 WHERE id = $1 AND ended_at IS NULL RETURNING *',
        [id, nowIso()],
      );
      return row ? toSession(row) : null;
    },

    async endStaffSession(id) {
      await query(
        pool,
        'UPDATE staff_sessions SET ended_at = $2 WHERE id = $1 AND ended_at IS NULL',
        [id, nowIso()],
      );
      return read(id);
    },

    async endStaffSessionsOf(staffId) {
      return affected(
        pool,
        'UPDATE staff_sessions SET ended_at = $2 WHERE staff_id = $1 AND ended_at IS NULL',
        [staffId, nowIso()],
      );
    },
  };
}

import type { Priority } from '@baton/handoff-protocol';
import type { StaffRole } from '../../auth/principal';
import { iso } from '../rows';
import { nowIso, PRIORITY_RANK } from '../shared';
import {
  type AgentWorkOps,
  frontOf,
  type NewStaffSession,
  type StaffSessionRecord,
} from '../staff-sessions';
import { type Row, readConversation, type SqliteContext, write } from './context';
import { compareAndSet } from './conversations';

function toSession(row: Row): StaffSessionRecord {
  return {
    id: String(row.id),
    staffId: String(row.staff_id),
    displayName: String(row.display_name),
    roles: JSON.parse(String(row.roles)) as StaffRole[],
    clinical: Number(row.clinical) === 1,
    queues: JSON.parse(String(row.queues)) as string[],
    createdAt: iso(String(row.created_at)),
    lastActiveAt: iso(String(row.last_active_at)),
    endedAt: row.ended_at === null ? null : iso(String(row.ended_at)),
  };
}

/** Grace requeue (one write transaction) and staff sessions. */
export function sqliteAgentWork(ctx: SqliteContext): AgentWorkOps {
  const { db } = ctx;
  const read = (id: string) => {
    const row = db.prepare('SELECT * FROM staff_sessions WHERE id = ?').get(id) as Row | undefined;
    return row ? toSession(row) : null;
  };
  return {
    async requeueAtFront(conversationId, agentId) {
      return write(ctx, () => {
        const current = readConversation(ctx, conversationId);
        if (current && current.state === 'assigned' && current.assignedAgentId !== agentId)
          return { ok: false, reason: 'not_assignee', current };
        const queue = current?.queue ?? 'general';
        return compareAndSet(
          ctx,
          conversationId,
          { expected: 'assigned', next: 'queued', queue, assignedAgentId: null },
          (c) => {
            const oldest = db
              .prepare(
                'SELECT MIN(enqueued_at) AS oldest FROM queue_entries WHERE queue = ? AND priority = ?',
              )
              .get(queue, c.priority) as { oldest: string | null };
            const priority: Priority = c.priority;
            db.prepare(
              `INSERT INTO queue_entries (conversation_id, queue, priority, priority_rank, enqueued_at)
               VALUES (?, ?, ?, ?, ?)`,
            ).run(
              conversationId,
              queue,
              priority,
              PRIORITY_RANK[priority],
              frontOf(oldest.oldest, nowIso()),
            );
          },
        );
      });
    },

    async createStaffSession(input: NewStaffSession) {
      const now = nowIso();
      await write(ctx, () =>
        db
          .prepare(
            `INSERT INTO staff_sessions (id, staff_id, display_name, roles, clinical, queues,
               created_at, last_active_at, ended_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)`,
          )
          .run(
            input.id,
            input.staffId,
            input.displayName,
            JSON.stringify(input.roles),
            input.clinical ? 1 : 0,
            JSON.stringify(input.queues),
            now,
            now,
          ),
      );
      return read(input.id) as StaffSessionRecord;
    },

    async getStaffSession(id) {
      return read(id);
    },

    async touchStaffSession(id) {
      const changed = await write(
        ctx,
        () =>
          db
            .prepare(
              'UPDATE staff_sessions SET last_active_at = ? WHERE id = ? AND ended_at IS NULL',
            )
            .run(nowIso(), id).changes,
      );
      return changed === 0 ? null : read(id);
    },

    async endStaffSession(id) {
      await write(ctx, () =>
        db
          .prepare('UPDATE staff_sessions SET ended_at = ? WHERE id = ? AND ended_at IS NULL')
          .run(nowIso(), id),
      );
      return read(id);
    },

    async endStaffSessionsOf(staffId) {
      return write(
        ctx,
        () =>
          db
            .prepare(
              'UPDATE staff_sessions SET ended_at = ? WHERE staff_id = ? AND ended_at IS NULL',
            )
            .run(nowIso(), staffId).changes,
      );
    },
  };
}

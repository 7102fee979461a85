import type { ReadMarkOps } from '../read-marks';
import { type SqliteContext, writeAtomic } from './context';
import type { Migration } from './migration';

/** Migration 20: each side's read mark on its conversation. */
export const SQLITE_READ_MARKS_MIGRATION: Migration = {
  version: 20,
  name: 'read marks',
  sql: `
ALTER TABLE conversations ADD COLUMN patient_read_seq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE conversations ADD COLUMN agent_read_seq INTEGER NOT NULL DEFAULT 0;
`,
};

// One statement per side (the column is never built from input): the mark moves forward only,
// never past the conversation's last seq, and a row already there is not written again.
const LAST =
  '(SELECT COALESCE(MAX(seq), 0) FROM messages WHERE conversation_id = conversations.id)';
const MARK = {
  patient: `UPDATE conversations SET patient_read_seq = MIN(@upTo, ${LAST})
    WHERE id = @id AND patient_read_seq < MIN(@upTo, ${LAST})`,
  agent: `UPDATE conversations SET agent_read_seq = MIN(@upTo, ${LAST})
    WHERE id = @id AND agent_read_seq < MIN(@upTo, ${LAST})`,
} as const;

export function sqliteReadMarks(ctx: SqliteContext): ReadMarkOps {
  const { db } = ctx;
  return {
    async markRead(conversationId, by, upToSeq) {
      if (!Number.isSafeInteger(upToSeq) || upToSeq <= 0) return;
      await writeAtomic(ctx, () => db.prepare(MARK[by]).run({ upTo: upToSeq, id: conversationId }));
    },
    async readMarks(conversationId) {
      const row = db
        .prepare('SELECT patient_read_seq, agent_read_seq FROM conversations WHERE id = ?')
        .get(conversationId) as { patient_read_seq: number; agent_read_seq: number } | undefined;
      return row ? { patient: row.patient_read_seq, agent: row.agent_read_seq } : null;
    },
  };
}

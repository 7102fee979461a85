import type { ReadMarkOps } from '../read-marks';
import { one, type PostgresContext, query } from './context';
import type { PostgresMigration } from './migration';

/** Migration 20: each side's read mark on its conversation. */
export const POSTGRES_READ_MARKS_MIGRATION: PostgresMigration = {
  version: 20,
  name: 'read marks',
  sql: `
ALTER TABLE conversations
  ADD COLUMN patient_read_seq integer NOT NULL DEFAULT 0,
  ADD COLUMN agent_read_seq integer NOT NULL DEFAULT 0;
`,
};

// One statement per side (the column is never built from input): the mark moves forward only,
// never past the conversation's last seq, and a row already there is not written again.
const LAST =
  '(SELECT COALESCE(MAX(seq), 0) FROM messages WHERE conversation_id = conversations.id)';
const MARK = {
  patient: `UPDATE conversations SET patient_read_seq = LEAST($1::integer, ${LAST})
    WHERE id = $2 AND patient_read_seq < LEAST($1::integer, ${LAST})`,
  agent: `UPDATE conversations SET agent_read_seq = LEAST($1::integer, ${LAST})
    WHERE id = $2 AND agent_read_seq < LEAST($1::integer, ${LAST})`,
} as const;

export function postgresReadMarks(ctx: PostgresContext): ReadMarkOps {
  const { pool } = ctx;
  return {
    async markRead(conversationId, by, upToSeq) {
      if (!Number.isSafeInteger(upToSeq) || upToSeq <= 0 || upToSeq > 2 ** 31 - 1) return;
      await query(pool, MARK[by], [upToSeq, conversationId]);
    },
    async readMarks(conversationId) {
      const row = await one(
        pool,
        'SELECT patient_read_seq, agent_read_seq FROM conversations WHERE id = $1',
        [conversationId],
      );
      return row
        ? { patient: Number(row.patient_read_seq), agent: Number(row.agent_read_seq) }
        : null;
    },
  };
}

import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { DemoHistoryTimes } from './demo-history';

/**
 * Moves the seeded history's rows to the minutes `seedDemoHistory` planned. The store API
 * stamps a message, an ending and a survey answer with the time of the call (as it should
 * for live traffic), so a seed written in one go would show 0 s of first response and handle
 * time. This is the demo's own import of a past morning: it writes the timestamp columns of
 * the rows it created, by id, and nothing else.
 */
const STATEMENTS = {
  conversation:
    'UPDATE conversations SET created_at = $1, updated_at = $2, ended_at = $3 WHERE id = $4',
  message:
    'UPDATE messages SET created_at = $1 WHERE conversation_id = $2 AND client_message_id = $3',
  survey: 'UPDATE survey_responses SET submitted_at = $1 WHERE id = $2',
  followUp: 'UPDATE follow_ups SET created_at = $1 WHERE conversation_id = $2',
} as const;

type Run = (sql: string, params: string[]) => Promise<void>;

async function apply(times: DemoHistoryTimes, run: Run): Promise<void> {
  for (const c of times.conversations) {
    await run(STATEMENTS.conversation, [c.createdAt, c.endedAt, c.endedAt, c.id]);
    for (const m of c.messages) await run(STATEMENTS.message, [m.at, c.id, m.clientMessageId]);
    if (c.surveyResponse) await run(STATEMENTS.survey, [c.surveyResponse.at, c.surveyResponse.id]);
    await run(STATEMENTS.followUp, [c.endedAt, c.id]);
  }
}

/** `databaseUrl` set: PostgreSQL; otherwise the SQLite file `baton.db` in `dataDir`. */
export async function backdateDemoHistory(
  times: DemoHistoryTimes,
  target: { databaseUrl?: string; dataDir: string },
): Promise<void> {
  if (target.databaseUrl) {
    const client = new pg.Client({ connectionString: target.databaseUrl });
    await client.connect();
    try {
      await apply(times, async (sql, params) => {
        await client.query(sql, params);
      });
    } finally {
      await client.end();
    }
    return;
  }
  const db = new Database(join(target.dataDir, 'baton.db'));
  db.pragma('busy_timeout = 5000');
  try {
    await apply(times, async (sql, params) => {
      db.prepare(sql.replace(/\$\d/g, '?')).run(...params);
    });
  } finally {
    db.close();
  }
}

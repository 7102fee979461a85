import type pg from 'pg';
import { HandoffServerError } from '../../internal/errors';
import { POSTGRES_ATTACHMENT_BINARY_MIGRATION } from './attachment-binary-migration';
import type { PostgresMigration } from './migration';
import { POSTGRES_MIGRATIONS_V1_V6 } from './migrations-v1-v6';
import { POSTGRES_MIGRATIONS_V8_V15 } from './migrations-v8-v15';
import { POSTGRES_MIGRATIONS_V16_V17 } from './migrations-v16-v17';
import { POSTGRES_QUEUE_COUNTS_MIGRATION } from './queue-counts-migration';
import { POSTGRES_READ_MARKS_MIGRATION } from './read-marks';

export type { PostgresMigration } from './migration';

/** Versioned SQL, applied in order, each once. Never edit an applied one: add a new one. */
export const POSTGRES_MIGRATIONS: readonly PostgresMigration[] = [
  ...POSTGRES_MIGRATIONS_V1_V6,
  ...POSTGRES_MIGRATIONS_V8_V15,
  ...POSTGRES_MIGRATIONS_V16_V17,
  POSTGRES_ATTACHMENT_BINARY_MIGRATION,
  POSTGRES_QUEUE_COUNTS_MIGRATION,
  POSTGRES_READ_MARKS_MIGRATION,
];

/** Any fixed number: serialises migrations between servers starting at once. */
const MIGRATION_LOCK = 0x62_61_74_6f_6e;

export async function migratePostgres(
  pool: pg.Pool,
  migrations = POSTGRES_MIGRATIONS,
): Promise<number[]> {
  const client = await pool.connect();
  const applied: number[] = [];
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL)`);
    const done = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
    const seen = new Set(done.rows.map((r) => Number(r.version)));
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (seen.has(migration.version)) continue;
      try {
        await client.query(migration.sql);
      } catch (error) {
        throw new HandoffServerError(
          'migration_failed',
          `PostgreSQL migration ${migration.version} (${migration.name}) failed`,
          { cause: error },
        );
      }
      await client.query(
        'INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, now())',
        [migration.version, migration.name],
      );
      applied.push(migration.version);
    }
    await client.query('COMMIT');
    return applied;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

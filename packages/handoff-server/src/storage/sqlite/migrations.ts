import type Database from 'better-sqlite3';
import { HandoffServerError } from '../../internal/errors';
import { SQLITE_ATTACHMENT_BINARY_MIGRATION } from './attachment-binary-migration';
import type { Migration } from './migration';
import { SQLITE_MIGRATIONS_V1_V6 } from './migrations-v1-v6';
import { SQLITE_MIGRATIONS_V8_V15 } from './migrations-v8-v15';
import { SQLITE_MIGRATIONS_V16_V17 } from './migrations-v16-v17';
import { SQLITE_QUEUE_COUNTS_MIGRATION } from './queue-counts-migration';
import { SQLITE_READ_MARKS_MIGRATION } from './read-marks';

export type { Migration } from './migration';

/** Versioned SQL, applied in order, each once, each in its own transaction. Never edit one. */
export const SQLITE_MIGRATIONS: readonly Migration[] = [
  ...SQLITE_MIGRATIONS_V1_V6,
  ...SQLITE_MIGRATIONS_V8_V15,
  ...SQLITE_MIGRATIONS_V16_V17,
  SQLITE_ATTACHMENT_BINARY_MIGRATION,
  SQLITE_QUEUE_COUNTS_MIGRATION,
  SQLITE_READ_MARKS_MIGRATION,
];

/** Applies pending migrations; safe when several processes open the same file at once. */
export function migrateSqlite(db: Database.Database, migrations = SQLITE_MIGRATIONS): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);
  const applied: number[] = [];
  const isApplied = db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?');
  const record = db.prepare(
    'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',
  );
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    const apply = db.transaction(() => {
      if (isApplied.get(migration.version)) return false;
      db.exec(migration.sql);
      record.run(migration.version, migration.name, new Date().toISOString());
      return true;
    });
    try {
      if (apply.immediate()) applied.push(migration.version);
    } catch (error) {
      throw new HandoffServerError(
        'migration_failed',
        `SQLite migration ${migration.version} (${migration.name}) failed`,
        { cause: error },
      );
    }
  }
  return applied;
}

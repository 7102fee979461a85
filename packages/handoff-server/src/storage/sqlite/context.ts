import type Database from 'better-sqlite3';
import { HandoffServerError } from '../../internal/errors';
import type { FieldCipher } from '../crypto';
import type { ConversationRecord } from '../records';
import * as rows from '../rows';
import type { GroupCommit } from './group-commit';

export type Row = Record<string, unknown>;

/** What every SQLite concern module works with: one handle, the field cipher, the options. */
export interface SqliteContext {
  readonly db: Database.Database;
  readonly cipher: FieldCipher;
  readonly trustAuditTimestamps: boolean;
  /** Joins the writes of one event-loop turn in one fsync'd transaction. */
  readonly group: GroupCommit;
}

/**
 * Runs `fn` in a `BEGIN IMMEDIATE` transaction (SQLite's write lock serialises writers across
 * handles and processes), shared with the other writes of this event-loop turn (see
 * {@link GroupCommit}): settles once committed. Constraint errors leave as typed errors with
 * the driver's as `cause`.
 */
export function write<T>(ctx: SqliteContext, fn: () => T): Promise<T> {
  return ctx.group.write(fn);
}

/** {@link write} for a write of one statement at most, last (see `GroupCommit.write`). */
export function writeAtomic<T>(ctx: SqliteContext, fn: () => T): Promise<T> {
  return ctx.group.write(fn, true);
}

/** Foreign key → `not_found` (a referenced record is missing); unique key → `conflict`. */
export function translateSqliteError(error: unknown): unknown {
  if (HandoffServerError.is(error) || !(error instanceof Error) || !('code' in error)) {
    return error;
  }
  switch (String(error.code)) {
    case 'SQLITE_CONSTRAINT_FOREIGNKEY':
      return new HandoffServerError('not_found', undefined, { cause: error });
    case 'SQLITE_CONSTRAINT_PRIMARYKEY':
    case 'SQLITE_CONSTRAINT_UNIQUE':
      return new HandoffServerError('conflict', undefined, { cause: error });
    default:
      return error;
  }
}

export function readConversation(ctx: SqliteContext, id: string): ConversationRecord | null {
  const row = ctx.db.prepare('SELECT * FROM conversations WHERE id = ?').get(id) as Row | undefined;
  return row ? rows.toConversation(row) : null;
}

export function requireConversation(ctx: SqliteContext, id: string): void {
  if (!ctx.db.prepare('SELECT 1 FROM conversations WHERE id = ?').get(id)) {
    throw new HandoffServerError('not_found', 'conversation not found');
  }
}

/** An optional ISO bound, normalised, twice (for `? IS NULL OR col >= ?`). */
export function isoRange(value: string | undefined): [string | null, string | null] {
  const normalised = value === undefined ? null : rows.iso(value);
  return [normalised, normalised];
}

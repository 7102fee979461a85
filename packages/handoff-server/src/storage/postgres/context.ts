import type pg from 'pg';
import { HandoffServerError } from '../../internal/errors';
import type { FieldCipher } from '../crypto';
import type { ConversationRecord } from '../records';
import * as rows from '../rows';

export type Row = Record<string, unknown>;
export type Queryable = Pick<pg.PoolClient, 'query'>;

/** What every PostgreSQL concern module works with: the pool, the field cipher, the options. */
export interface PostgresContext {
  readonly pool: pg.Pool;
  readonly cipher: FieldCipher;
  readonly trustAuditTimestamps: boolean;
}

/** Foreign key (23503) → `not_found`; unique (23505) → `conflict`; the driver's error is `cause`. */
export function translatePgError(error: unknown): unknown {
  if (HandoffServerError.is(error) || !(error instanceof Error) || !('code' in error)) {
    return error;
  }
  switch (String(error.code)) {
    case '23503':
      return new HandoffServerError('not_found', undefined, { cause: error });
    case '23505':
      return new HandoffServerError('conflict', undefined, { cause: error });
    default:
      return error;
  }
}

/** Runs one statement; every store query goes through here so driver errors leave typed. */
export async function query(db: Queryable, sql: string, params: unknown[] = []) {
  try {
    return await db.query(sql, params);
  } catch (error) {
    throw translatePgError(error);
  }
}

export async function one(db: Queryable, sql: string, params: unknown[] = []): Promise<Row | null> {
  return ((await query(db, sql, params)).rows[0] as Row | undefined) ?? null;
}

export async function all(db: Queryable, sql: string, params: unknown[] = []): Promise<Row[]> {
  return (await query(db, sql, params)).rows as Row[];
}

/** Rows a statement touched. */
export async function affected(db: Queryable, sql: string, params: unknown[] = []) {
  return (await query(db, sql, params)).rowCount ?? 0;
}

export async function transaction<T>(
  ctx: PostgresContext,
  fn: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await ctx.pool.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw translatePgError(error);
  } finally {
    client.release();
  }
}

export async function readConversation(
  db: Queryable,
  id: string,
): Promise<ConversationRecord | null> {
  const row = await one(db, 'SELECT * FROM conversations WHERE id = $1', [id]);
  return row ? rows.toConversation(row) : null;
}

export async function requireConversation(db: Queryable, id: string): Promise<void> {
  if (!(await one(db, 'SELECT 1 FROM conversations WHERE id = $1', [id]))) {
    throw new HandoffServerError('not_found', 'conversation not found');
  }
}

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
  /** The last seq this node saw committed per conversation (see `appendWithSeqHint`). */
  readonly lastSeq: Map<string, number>;
}

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
]);

/** The database is down or unreachable (not a bad statement): a caller may retry later. */
export function isConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = 'code' in error ? String(error.code) : '';
  if (CONNECTION_CODES.has(code) || code.startsWith('08')) return true;
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection closed|not queryable/i.test(
    error.message,
  );
}

/**
 * Foreign key (23503) → `not_found`; unique (23505) → `conflict`; connection lost or refused
 * → `store_unavailable`; the driver's error is `cause`.
 */
export function translatePgError(error: unknown): unknown {
  if (HandoffServerError.is(error) || !(error instanceof Error)) return error;
  if (isConnectionError(error)) {
    return new HandoffServerError('store_unavailable', undefined, { cause: error });
  }
  if (!('code' in error)) return error;
  switch (String(error.code)) {
    case '23503':
      return new HandoffServerError('not_found', undefined, { cause: error });
    case '23505':
      return new HandoffServerError('conflict', undefined, { cause: error });
    default:
      return error;
  }
}

/**
 * Runs one statement; every store query goes through here so driver errors leave typed.
 * `name` makes it a named prepared statement (parsed and planned once per connection): for
 * the statements of the acked message path, run many times a second.
 */
export async function query(db: Queryable, sql: string, params: unknown[] = [], name?: string) {
  try {
    return await (name ? db.query({ name, text: sql, values: params }) : db.query(sql, params));
  } catch (error) {
    throw translatePgError(error);
  }
}

/** Runs one statement from a full pg config (a named statement with its own type parsers). */
export async function queryConfig(db: Queryable, config: pg.QueryConfig): Promise<Row[]> {
  try {
    return (await db.query(config)).rows as Row[];
  } catch (error) {
    throw translatePgError(error);
  }
}

export async function one(
  db: Queryable,
  sql: string,
  params: unknown[] = [],
  name?: string,
): Promise<Row | null> {
  return ((await query(db, sql, params, name)).rows[0] as Row | undefined) ?? null;
}

export async function all(
  db: Queryable,
  sql: string,
  params: unknown[] = [],
  name?: string,
): Promise<Row[]> {
  return (await query(db, sql, params, name)).rows as Row[];
}

/** Rows a statement touched. */
export async function affected(db: Queryable, sql: string, params: unknown[] = []) {
  return (await query(db, sql, params)).rowCount ?? 0;
}

export async function transaction<T>(
  ctx: PostgresContext,
  fn: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  let client: pg.PoolClient;
  try {
    client = await ctx.pool.connect();
  } catch (error) {
    throw translatePgError(error);
  }
  let broken = false;
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    broken = isConnectionError(error) || HandoffServerError.is(error, 'store_unavailable');
    if (!broken) await client.query('ROLLBACK').catch(() => undefined);
    throw translatePgError(error);
  } finally {
    // A client whose connection broke is destroyed, not handed to the next caller.
    client.release(broken);
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

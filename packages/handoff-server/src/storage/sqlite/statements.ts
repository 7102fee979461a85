import type Database from 'better-sqlite3';

/** Distinct statements kept prepared; dynamic SQL (IN lists) beyond this evicts the oldest. */
const MAX_CACHED = 500;

/**
 * Makes `db.prepare` reuse one prepared statement per SQL text: preparing costs more than
 * running a short statement, and the store runs the same few statements over and over.
 * Statements are only ever run to completion (`run`, `get`, `all`), never left iterating, so
 * sharing one between calls is safe.
 */
export function cacheStatements(db: Database.Database): void {
  const prepare = db.prepare.bind(db);
  const cache = new Map<string, Database.Statement>();
  const cached = (source: string) => {
    let statement = cache.get(source);
    if (!statement) {
      statement = prepare(source);
      if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
      cache.set(source, statement);
    }
    return statement;
  };
  db.prepare = cached as Database.Database['prepare'];
}

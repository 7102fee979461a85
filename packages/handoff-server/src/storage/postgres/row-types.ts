import pg from 'pg';

/** `timestamptz` (OID 1184). */
const TIMESTAMPTZ = 1184;
/** PostgreSQL's text form of a UTC `timestamptz` (session time zone UTC): 2026-12-06 18:42:07.262+00. */
const UTC_TEXT = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?\+00$/;

const defaultTimestamptz = pg.types.getTypeParser(TIMESTAMPTZ, 'text') as (text: string) => unknown;

/**
 * A `timestamptz` column straight to the ISO string the records carry, with no `Date` in
 * between: the store turns every timestamp into that string anyway (`rows.iso`). Milliseconds
 * are truncated as pg's own parser does (`Date` keeps milliseconds only). Any other form (a
 * session time zone other than UTC, years beyond 9999, infinity) goes to pg's parser.
 */
export function isoFromTimestamptz(text: string): unknown {
  const match = UTC_TEXT.exec(text);
  if (!match) return defaultTimestamptz(text);
  const fraction = match[3] === undefined ? '000' : `${match[3]}00`.slice(0, 3);
  return `${match[1]}T${match[2]}.${fraction}Z`;
}

/**
 * Type parsers of the acked path's statements (pg's `types` query option): pg's defaults,
 * but timestamps decoded once, to the string the record keeps.
 */
export const ackedPathTypes = {
  getTypeParser(oid: number, format?: string): (value: string) => unknown {
    if (oid === TIMESTAMPTZ && format !== 'binary') return isoFromTimestamptz;
    return pg.types.getTypeParser(oid, format as 'text') as (value: string) => unknown;
  },
};

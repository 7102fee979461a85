/**
 * PostgreSQL array literals built in one pass for the batched statements' parameters (pg
 * would build them element by element, two regular expressions per text). Sent as text and
 * cast in SQL (`$1::text[]`); every element is quoted, so none reads as NULL.
 */
export function textArray(values: readonly string[]): string {
  let literal = '{';
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i]!;
    const quoted =
      value.includes('"') || value.includes('\\') ? value.replace(/[\\"]/g, '\\$&') : value;
    literal += i === 0 ? `"${quoted}"` : `,"${quoted}"`;
  }
  return `${literal}}`;
}

/** Integers as an array literal (`$1::integer[]`). */
export function integerArray(values: readonly number[]): string {
  for (const value of values) {
    if (!Number.isSafeInteger(value)) throw new TypeError('not an integer');
  }
  return `{${values.join(',')}}`;
}

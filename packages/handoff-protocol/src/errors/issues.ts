import type * as z from 'zod/mini';
import type { ProtocolIssue } from './error';

type Issue = z.core.$ZodIssue;

/** `request.transcript.entries[3].text`; the message itself is the empty path. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

const FORMAT_TEXT: Record<string, string> = {
  datetime: 'must be an ISO 8601 date-time with offset, e.g. 2026-01-31T09:30:00Z',
  url: 'must be an https URL',
  regex: 'has an invalid format',
};

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' && Number.isNaN(value)) return 'NaN';
  return typeof value;
}

function listValues(values: readonly unknown[]): string {
  const shown = values.slice(0, 12).map((v) => JSON.stringify(v));
  return values.length > 12 ? `${shown.join(', ')}, …` : shown.join(', ');
}

function hasCustomMessage(issue: Issue): boolean {
  return typeof issue.message === 'string' && issue.message !== 'Invalid input';
}

/**
 * Readable text for one zod issue. Never quotes the offending value (it may be message
 * text, i.e. PHI); names the type or the bound instead.
 */
export function describeIssue(issue: Issue, input?: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      if (input === undefined) return 'is required';
      return `expected ${issue.expected}, got ${describeType(input)}`;
    case 'too_big':
      if (issue.origin === 'string') return `is too long (max ${issue.maximum} characters)`;
      if (issue.origin === 'array') return `has too many items (max ${issue.maximum})`;
      return `must be at most ${issue.maximum}`;
    case 'too_small':
      if (issue.origin === 'string')
        return issue.minimum === 1
          ? 'must not be empty'
          : `is too short (min ${issue.minimum} characters)`;
      if (issue.origin === 'array') return `needs at least ${issue.minimum} item(s)`;
      return `must be at least ${issue.minimum}`;
    case 'invalid_format':
      if (hasCustomMessage(issue)) return issue.message;
      return FORMAT_TEXT[issue.format] ?? `must be a valid ${issue.format}`;
    case 'invalid_value':
      return issue.values.length === 1
        ? `must be ${listValues(issue.values)}`
        : `must be one of ${listValues(issue.values)}`;
    case 'invalid_union': {
      const { note, options } = issue as { note?: string; options?: unknown[] };
      if (note === 'No matching discriminator' && Array.isArray(options))
        return `must be one of ${listValues(options)}`;
      return 'does not match any allowed shape';
    }
    case 'invalid_key':
      return 'has an invalid key';
    case 'invalid_element':
      return 'has an invalid element';
    case 'unrecognized_keys':
      return `has unknown keys ${listValues(issue.keys)}`;
    case 'not_multiple_of':
      return `must be a multiple of ${String(issue.divisor)}`;
    case 'custom':
      return hasCustomMessage(issue) ? issue.message : 'is not valid';
    default:
      return 'is not valid';
  }
}

/** Converts zod issues to protocol issues, reading inputs only to tell "missing" from "wrong". */
export function toProtocolIssues(issues: readonly Issue[], root: unknown): ProtocolIssue[] {
  return issues.map((issue) => ({
    path: formatPath(issue.path),
    message: describeIssue(issue, valueAt(root, issue.path)),
  }));
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = root;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    if (typeof key === 'symbol' || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

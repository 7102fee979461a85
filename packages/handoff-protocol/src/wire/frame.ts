import type * as z from 'zod/mini';
import { PROTOCOL_VERSION } from '../domain/primitives';
import { BatonProtocolError, type ProtocolIssue } from '../errors/error';
import { formatPath, toProtocolIssues } from '../errors/issues';
import { FORBIDDEN_KEYS, WIRE_LIMITS } from './limits';

/** The result of every parse function: never a throw. */
export type ParseResult<T> = { ok: true; message: T } | { ok: false; error: BatonProtocolError };

type Fail = { ok: false; error: BatonProtocolError };

function invalid(issues: ProtocolIssue[], extra: Partial<BatonProtocolError['details']> = {}) {
  const [first] = issues;
  const head = first ? `${first.path === '' ? 'message' : first.path} ${first.message}` : '';
  const more = issues.length > 1 ? ` (+${issues.length - 1} more)` : '';
  return new BatonProtocolError('invalid_message', `Invalid message: ${head}${more}`, {
    details: { issues, ...extra },
  });
}

function fail(error: BatonProtocolError): Fail {
  return { ok: false, error };
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** Turns a string frame into a value; other inputs pass through. */
function decode(input: unknown): { ok: true; value: unknown } | Fail {
  if (typeof input !== 'string') return { ok: true, value: input };
  if (input.length > WIRE_LIMITS.maxFrameChars) {
    return fail(
      new BatonProtocolError(
        'frame_too_large',
        `Frame too large: ${input.length} characters (max ${WIRE_LIMITS.maxFrameChars})`,
      ),
    );
  }
  try {
    return { ok: true, value: JSON.parse(input) };
  } catch (cause) {
    return fail(
      new BatonProtocolError('invalid_message', 'Invalid message: not valid JSON', { cause }),
    );
  }
}

/** A value met on the walk; its path is rebuilt from the parents only for an error. */
interface Visit {
  value: unknown;
  depth: number;
  key: PropertyKey;
  parent: Visit | null;
}

function pathOf(visit: Visit | null, last?: PropertyKey): PropertyKey[] {
  const path: PropertyKey[] = last === undefined ? [] : [last];
  for (let at = visit; at?.parent; at = at.parent) path.unshift(at.key);
  return path;
}

/** Walks the value once, without recursion: bounded depth, bounded size, no `__proto__`. */
function inspect(root: unknown): Fail | null {
  const stack: Visit[] = [{ value: root, depth: 0, key: '', parent: null }];
  let nodes = 0;
  while (stack.length > 0) {
    const visit = stack.pop()!;
    const { value } = visit;
    if (++nodes > WIRE_LIMITS.maxNodes) {
      return fail(
        new BatonProtocolError(
          'frame_too_large',
          `Frame too large: more than ${WIRE_LIMITS.maxNodes} values`,
        ),
      );
    }
    if (typeof value !== 'object' || value === null) continue;
    if (visit.depth >= WIRE_LIMITS.maxDepth) {
      return fail(
        invalid([
          {
            path: formatPath(pathOf(visit)),
            message: `is nested too deeply (max ${WIRE_LIMITS.maxDepth})`,
          },
        ]),
      );
    }
    const keys = Array.isArray(value) ? value.keys() : Object.keys(value);
    for (const key of keys) {
      if (typeof key === 'string' && FORBIDDEN_KEYS.has(key)) {
        return fail(
          invalid([{ path: formatPath(pathOf(visit, key)), message: 'is a forbidden key' }]),
        );
      }
      const child = (value as Record<string | number, unknown>)[key];
      stack.push({ value: child, depth: visit.depth + 1, key, parent: visit });
    }
  }
  return null;
}

const ID_PATTERN = /^[\x21-\x7e]{1,128}$/;

function readableId(value: unknown): string | undefined {
  return typeof value === 'string' && ID_PATTERN.test(value) ? value : undefined;
}

/** Envelope fields worth echoing in an `error` reply, read without trusting them. */
function frameOf(value: Record<string, unknown>) {
  return {
    id: readableId(value.id),
    conversationId: readableId(value.conversationId),
    clientMessageId: readableId(value.clientMessageId),
  };
}

function printable(text: string): string {
  const clean = text.slice(0, 64).replace(/[^\x20-\x7e]/g, '?');
  return text.length > 64 ? `${clean}…` : clean;
}

/**
 * Parses one frame for one direction. Checks, in order: size and JSON, nesting and
 * forbidden keys, envelope object, `v` (→ `unsupported_version`), `type`
 * (→ `unknown_type`), then the full schema (→ `invalid_message` with field paths).
 */
export function parseFrame<S extends z.ZodMiniType>(
  schema: S,
  knownTypes: ReadonlySet<string>,
  direction: string,
  input: unknown,
): ParseResult<z.infer<S>> {
  try {
    const decoded = decode(input);
    if (!decoded.ok) return decoded;
    const { value } = decoded;
    const problem = inspect(value);
    if (problem) return problem;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return fail(invalid([{ path: '', message: `must be an object, got ${kindOf(value)}` }]));
    }
    const record = value as Record<string, unknown>;
    const frame = frameOf(record);
    const { v, type } = record;
    if (v === undefined) return fail(invalid([{ path: 'v', message: 'is required' }], { frame }));
    if (v !== PROTOCOL_VERSION) {
      if (typeof v !== 'number' || !Number.isInteger(v)) {
        return fail(
          invalid([{ path: 'v', message: `expected an integer version, got ${kindOf(v)}` }], {
            frame,
          }),
        );
      }
      return fail(
        new BatonProtocolError(
          'unsupported_version',
          `Unsupported protocol version ${v} (supported: ${PROTOCOL_VERSION})`,
          { details: { v, supportedVersions: [PROTOCOL_VERSION], frame } },
        ),
      );
    }
    if (typeof type !== 'string') {
      const message = type === undefined ? 'is required' : `expected string, got ${kindOf(type)}`;
      return fail(invalid([{ path: 'type', message }], { frame }));
    }
    if (!knownTypes.has(type)) {
      return fail(
        new BatonProtocolError(
          'unknown_type',
          `Unknown message type "${printable(type)}" for ${direction}`,
          { details: { type: printable(type), frame } },
        ),
      );
    }
    const parsed = schema.safeParse(value);
    if (parsed.success) return { ok: true, message: parsed.data };
    return fail(invalid(toProtocolIssues(parsed.error.issues, value), { type, frame }));
  } catch (cause) {
    return fail(
      new BatonProtocolError('invalid_message', 'Invalid message: it could not be read', { cause }),
    );
  }
}

/** The `type` values of a discriminated union of messages. */
export function messageTypes(union: z.ZodMiniType): ReadonlySet<string> {
  const values = union._zod.propValues?.type ?? new Set();
  return new Set([...values].filter((t): t is string => typeof t === 'string'));
}

import fc from 'fast-check';
import type * as z from 'zod/mini';

// Derives fast-check arbitraries from the protocol's zod schemas (zod-fast-check supports
// zod 3 only). It knows exactly the schema kinds this package uses and throws on any other,
// so a new kind of schema cannot silently go untested. Sizes are capped to keep runs fast.

const MAX_ITEMS = 3;
const MAX_CHARS = 40;

interface CheckDef {
  check: string;
  minimum?: number;
  maximum?: number;
  value?: number;
  inclusive?: boolean;
  format?: string;
  pattern?: RegExp;
}

// biome-ignore lint/suspicious/noExplicitAny: walking zod's internal definitions
type Def = any;

function checksOf(def: Def): CheckDef[] {
  return (def.checks ?? []).map((c: { _zod: { def: CheckDef } }) => c._zod.def);
}

function lengthBounds(checks: CheckDef[]): { min: number; max: number } {
  let min = 0;
  let max = Number.POSITIVE_INFINITY;
  for (const c of checks) {
    if (c.check === 'min_length') min = Math.max(min, c.minimum ?? 0);
    if (c.check === 'max_length') max = Math.min(max, c.maximum ?? max);
  }
  return { min, max };
}

const noProtoKey = (value: unknown) => !JSON.stringify(value ?? null).includes('"__proto__"');

function stringArbitrary(def: Def): fc.Arbitrary<string> {
  const checks = checksOf(def);
  const { min, max } = lengthBounds(checks);
  if (def.format === 'datetime') {
    return fc
      .date({
        min: new Date('2000-01-01T00:00:00Z'),
        max: new Date('2099-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString());
  }
  if (def.format === 'url') {
    return fc
      .tuple(fc.domain(), fc.webPath())
      .map(([host, path]) => `https://${host}${path}`)
      .filter((u) => u.length <= max);
  }
  const regex = checks.find((c) => c.check === 'string_format' && c.pattern)?.pattern;
  if (regex) {
    return fc.stringMatching(regex).filter((s) => s.length >= min && s.length <= max);
  }
  const cap = Math.max(min, Math.min(max, MAX_CHARS));
  return fc
    .string({ minLength: min, maxLength: cap, unit: 'binary' })
    .filter((s) => s.length >= min && s.length <= max);
}

function numberArbitrary(def: Def): fc.Arbitrary<number> {
  let min = def.format === 'safeint' ? Number.MIN_SAFE_INTEGER : -1e9;
  let max = def.format === 'safeint' ? Number.MAX_SAFE_INTEGER : 1e9;
  for (const c of checksOf(def)) {
    if (c.check === 'greater_than') min = Math.max(min, c.value! + (c.inclusive ? 0 : 1));
    if (c.check === 'less_than') max = Math.min(max, c.value! - (c.inclusive ? 0 : 1));
  }
  if (def.format === 'safeint') return fc.integer({ min, max });
  return fc.double({ min, max, noNaN: true, noDefaultInfinity: true }).map((n) => n + 0);
}

/** Objects with an `id` (or unions of them, such as survey questions): ids are unique in a list. */
function hasIdKey(element: Def): boolean {
  const def = element._zod.def;
  if (def.type === 'union') return (def.options as Def[]).every(hasIdKey);
  return def.type === 'object' && 'id' in def.shape;
}

function objectArbitrary(def: Def): fc.Arbitrary<Record<string, unknown>> {
  const shape = def.shape as Record<string, z.ZodMiniType>;
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  const requiredKeys: string[] = [];
  for (const [key, field] of Object.entries(shape)) {
    const fieldDef = field._zod.def as Def;
    if (fieldDef.type === 'optional') {
      model[key] = arbitraryFor(fieldDef.innerType);
    } else {
      model[key] = arbitraryFor(field);
      requiredKeys.push(key);
    }
  }
  let arb = fc.record(model, { requiredKeys }) as fc.Arbitrary<Record<string, unknown>>;
  // Refinements used by the protocol: start < end.
  if ('start' in shape && 'end' in shape) {
    arb = arb.map((value) => {
      const [a, b] = [value.start as string, value.end as string].sort();
      return a === b ? value : { ...value, start: a, end: b };
    });
    arb = arb.filter((value) => value.start !== value.end);
  }
  return arb;
}

/** An arbitrary producing values the schema accepts. */
export function arbitraryFor(schema: z.ZodMiniType): fc.Arbitrary<unknown> {
  const def = schema._zod.def as Def;
  switch (def.type) {
    case 'string':
      return stringArbitrary(def);
    case 'number':
      return numberArbitrary(def);
    case 'boolean':
      return fc.boolean();
    case 'literal':
      return fc.constantFrom(...(def.values as unknown[]));
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries as Record<string, unknown>));
    case 'optional':
      return fc.option(arbitraryFor(def.innerType), { nil: undefined });
    case 'nullable':
      return fc.option(arbitraryFor(def.innerType), { nil: null });
    case 'unknown':
      return fc.jsonValue({ maxDepth: 3 }).filter(noProtoKey);
    case 'object':
      return objectArbitrary(def);
    case 'union':
      return fc.oneof(...(def.options as z.ZodMiniType[]).map((o) => arbitraryFor(o)));
    case 'array': {
      const { min, max } = lengthBounds(checksOf(def));
      const constraints = { minLength: min, maxLength: Math.max(min, Math.min(max, MAX_ITEMS)) };
      const element = def.element as z.ZodMiniType;
      if (hasIdKey(element)) {
        return fc.uniqueArray(arbitraryFor(element) as fc.Arbitrary<{ id: string }>, {
          ...constraints,
          selector: (item) => item.id,
        });
      }
      return fc.array(arbitraryFor(element), constraints);
    }
    case 'record':
      return fc
        .dictionary(
          arbitraryFor(def.keyType) as fc.Arbitrary<string>,
          arbitraryFor(def.valueType),
          { maxKeys: MAX_ITEMS },
        )
        .filter(noProtoKey);
    default:
      throw new Error(`arbitraryFor: unsupported schema type "${def.type}"`);
  }
}

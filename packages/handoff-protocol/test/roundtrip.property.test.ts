import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ProtocolMessage } from '../src/index';
import { BatonProtocolError, ERROR_CODES, serialiseMessage } from '../src/index';
import { arbitraryFor } from './support/arbitrary';
import { DIRECTIONS, type Direction, optionsOf } from './support/directions';

const RUNS = { numRuns: 60 };

/** Every parse result is ok with a schema-valid message, or a typed protocol error. */
function expectWellFormed(direction: Direction, input: unknown): void {
  let result: ReturnType<Direction['parse']> | undefined;
  expect(() => {
    result = direction.parse(input);
  }).not.toThrow();
  if (!result) throw new Error('no result');
  if (result.ok) {
    expect(direction.union.safeParse(result.message).success).toBe(true);
  } else {
    expect(BatonProtocolError.is(result.error)).toBe(true);
    expect(Object.hasOwn(ERROR_CODES, result.error.code)).toBe(true);
    expect(result.error.message.length).toBeGreaterThan(0);
  }
}

for (const direction of DIRECTIONS) {
  describe(`${direction.name}`, () => {
    for (const { type, schema } of optionsOf(direction)) {
      it(`"${type}": parse(serialise(x)) returns x`, () => {
        fc.assert(
          fc.property(arbitraryFor(schema), (message) => {
            const wire = serialiseMessage(message as ProtocolMessage);
            const result = direction.parse(wire);
            if (!result.ok) throw result.error;
            expect(result.message).toEqual(JSON.parse(wire));
            // Objects straight from the socket (no JSON string) parse the same way.
            expect(direction.parse(JSON.parse(wire))).toEqual(result);
          }),
          RUNS,
        );
      });
    }

    it('never throws on fc.anything()', () => {
      fc.assert(
        fc.property(fc.anything({ withObjectString: true, withNullPrototype: true }), (input) =>
          expectWellFormed(direction, input),
        ),
        { numRuns: 300 },
      );
    });

    it('never throws on random JSON text', () => {
      fc.assert(
        fc.property(fc.oneof(fc.json(), fc.string()), (input) =>
          expectWellFormed(direction, input),
        ),
        { numRuns: 300 },
      );
    });

    it('never throws on mutated valid messages', () => {
      const valid = fc.oneof(...optionsOf(direction).map(({ schema }) => arbitraryFor(schema)));
      const mutation = fc.tuple(
        fc.constantFrom('delete', 'replace', 'retype', 'nest'),
        fc.nat(),
        fc.anything(),
      );
      fc.assert(
        fc.property(valid, mutation, (message, [kind, index, junk]) => {
          const copy = JSON.parse(JSON.stringify(message)) as Record<string, unknown>;
          const keys = Object.keys(copy);
          const key = keys[index % keys.length]!;
          if (kind === 'delete') delete copy[key];
          if (kind === 'replace') copy[key] = junk;
          if (kind === 'retype') copy.type = typeof junk === 'string' ? junk : String(index);
          if (kind === 'nest') copy[key] = { value: copy[key] };
          expectWellFormed(direction, copy);
          expectWellFormed(direction, JSON.stringify(copy) ?? 'undefined');
        }),
        { numRuns: 300 },
      );
    });
  });
}

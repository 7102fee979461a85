import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { handoffStringsFor } from '../handoff/ui/strings';
import { STRINGS } from './strings';

// French text the patient reads uses the typographic apostrophe (’), never the straight one.
const STRAIGHT_APOSTROPHE = /\p{L}'\p{L}/u;

describe('the widget’s French strings', () => {
  it("chat and handoff tables use ’, not ', between letters", () => {
    const tables = { ...STRINGS.fr, ...handoffStringsFor('fr') };
    const straight = Object.entries(tables).filter(
      ([, text]) => typeof text === 'string' && STRAIGHT_APOSTROPHE.test(text),
    );
    expect(straight).toEqual([]);
  });

  it('the file-sharing strings (their own chunk) too', () => {
    const source = readFileSync(
      new URL('../handoff/attachments/index.tsx', import.meta.url),
      'utf8',
    );
    const french = source.slice(source.indexOf('  fr: ['), source.indexOf('  es: ['));
    expect(french.length).toBeGreaterThan(100);
    expect(french.split('\n').filter((line) => STRAIGHT_APOSTROPHE.test(line))).toEqual([]);
  });
});

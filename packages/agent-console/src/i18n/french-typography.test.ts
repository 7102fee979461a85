import { describe, expect, it } from 'vitest';
import { fr } from './fr';

// French text uses the typographic apostrophe (’) throughout, never the straight one (').
const STRAIGHT_APOSTROPHE = /\p{L}'\p{L}/u;

describe('the console’s French strings', () => {
  it("use ’, not ', between letters", () => {
    const straight = Object.entries(fr).filter(([, text]) => STRAIGHT_APOSTROPHE.test(text));
    expect(straight).toEqual([]);
  });
});

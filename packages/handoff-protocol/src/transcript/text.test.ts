import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clip, TEXT_TRUNCATION_MARKER, truncateText, utf8Length, xmlToPlain } from './text';

describe('utf8Length', () => {
  it('counts like TextEncoder, lone surrogates included', () => {
    const encoder = new TextEncoder();
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(utf8Length(text)).toBe(encoder.encode(text).length);
      }),
    );
    expect(utf8Length('a\ud800b')).toBe(5);
    expect(utf8Length('é😀')).toBe(6);
  });
});

describe('truncateText', () => {
  it('leaves short text alone and ends cut text with the marker', () => {
    expect(truncateText('short', 10)).toBe('short');
    const cut = truncateText('x'.repeat(100), 40);
    expect(cut).toHaveLength(40);
    expect(cut.endsWith(TEXT_TRUNCATION_MARKER)).toBe(true);
  });

  it('never splits a surrogate pair', () => {
    expect(clip('ab😀', 3)).toBe('ab');
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), fc.nat(80), (text, max) => {
        const cut = truncateText(text, max);
        expect(cut.length).toBeLessThanOrEqual(Math.max(max, 0));
        expect(utf8Length(cut)).toBe(new TextEncoder().encode(cut).length);
        expect(cut).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
      }),
    );
  });
});

describe('xmlToPlain', () => {
  it('drops tags, breaks lines at <br> and block ends, decodes entities', () => {
    expect(xmlToPlain('<b>Take</b> 2 tablets &amp; rest<br/>Call &lt;911&gt;&#33; &#x41;')).toBe(
      'Take 2 tablets & rest\nCall <911>! A',
    );
    expect(xmlToPlain('<p>one</p><p>two</p>&bogus; &#99999999;')).toBe(
      'one\ntwo\n&bogus; &#99999999;',
    );
  });
});

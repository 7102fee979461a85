// @vitest-environment happy-dom
import { render } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { MAX_RENDERED_TEXT, Markdown, renderInline, renderMarkdown } from './markdown';

const labels = { opensInNewTab: '(opens in a new tab)' };

/** Adversarial inputs: each made the old patterns backtrack over the rest of the text. */
const HOSTILE: Record<string, (n: number) => string> = {
  backticks: (n) => '`'.repeat(n),
  'backtick runs': (n) => '`a``'.repeat(n / 4),
  'open emphasis': (n) => '*a '.repeat(n / 3),
  'nested emphasis': (n) => '*_'.repeat(n / 2),
  'open strong': (n) => '**a'.repeat(n / 3),
  'open brackets': (n) => '[a'.repeat(n / 2),
  'open links': (n) => '[a](x'.repeat(n / 5),
  'long URL': (n) => `https://example.org/${'a'.repeat(n - 20)}`,
  'chained URLs': (n) => 'http://'.repeat(n / 7),
  'heading spaces': (n) => `# a${' '.repeat(n - 4)}x`,
  'heading hashes': (n) => `# a ${'#'.repeat(n - 5)}x`,
};

/**
 * CPU milliseconds of this process to render `source` once. CPU time, not wall time: other
 * processes on a busy machine stretch the wall clock, not the work done here.
 */
function cost(source: string): number {
  const start = process.cpuUsage();
  renderMarkdown(source, labels);
  renderInline(source, labels);
  const { user, system } = process.cpuUsage(start);
  return (user + system) / 1000;
}

/**
 * Cost of 4n over cost of n, each the best of seven runs taken in turn (so that both sizes see
 * the same conditions: JIT, garbage collection). Linear gives ~4; the quadratic patterns gave
 * ~16, and so does the quadratic stand-in below.
 */
function growth(make: (n: number) => string, n: number, measure = cost): number {
  const small = make(n);
  const large = make(4 * n);
  let bestSmall = Number.POSITIVE_INFINITY;
  let bestLarge = Number.POSITIVE_INFINITY;
  measure(large); // warm-up: compiled code, not the compiler, is measured
  for (let run = 0; run < 7; run++) {
    bestSmall = Math.min(bestSmall, measure(small));
    bestLarge = Math.min(bestLarge, measure(large));
  }
  return bestLarge / Math.max(bestSmall, 0.25);
}

/** A renderer that compares every character with every earlier one: the regression to catch. */
function quadraticCost(source: string): number {
  const start = process.cpuUsage();
  let same = 0;
  for (let i = 0; i < source.length; i++)
    for (let j = 0; j < i; j++) if (source.charCodeAt(i) === source.charCodeAt(j)) same++;
  const { user, system } = process.cpuUsage(start);
  return same >= 0 ? (user + system) / 1000 : 0;
}

function textLength(nodes: unknown): number {
  const container = document.createElement('div');
  render(<>{nodes}</>, { container });
  return container.textContent?.length ?? 0;
}

describe('markdown on hostile input', () => {
  it.each(Object.keys(HOSTILE))('renders 100k characters of %s, output cut at the cap', (name) => {
    const source = HOSTILE[name]?.(100_000) ?? '';
    expect(source.length).toBeGreaterThan(99_000);
    const rendered = renderInline(source, labels);
    expect(textLength(rendered)).toBeLessThanOrEqual(MAX_RENDERED_TEXT + 200);
    expect(textLength(renderMarkdown(source, labels))).toBeLessThanOrEqual(MAX_RENDERED_TEXT + 200);
  });

  it.each(Object.keys(HOSTILE))('takes linear time on %s (4n costs about 4× n)', (name) => {
    const make = HOSTILE[name] ?? (() => '');
    // Linear gives ~4, quadratic ~16: 11 keeps clear of both (a busy CI machine gave 9.4).
    expect(growth(make, 5_000)).toBeLessThan(11); // 4n = 20,000 stays within the cap
  });

  it('the growth measure tells a quadratic renderer from these linear ones', () => {
    expect(growth(HOSTILE['open brackets'] ?? (() => ''), 1_500, quadraticCost)).toBeGreaterThan(
      11,
    );
  });

  it('renders a TextBlock of 50,000 backticks as text, cut at the cap', () => {
    const container = document.createElement('div');
    render(<>{renderInline('`'.repeat(50_000), labels)}</>, { container });
    expect(container.textContent).toBe('`'.repeat(MAX_RENDERED_TEXT));
  });
});

describe('plain text', () => {
  it('is cut at the same cap', () => {
    const { container } = render(<Markdown text={'a\n'.repeat(50_000)} labels={labels} plain />);
    expect(container.textContent?.length).toBe(MAX_RENDERED_TEXT / 2);
  });
});

describe('autolinker', () => {
  const hrefOf = (text: string) =>
    render(<Markdown text={text} labels={labels} />)
      .container.querySelector('a')
      ?.getAttribute('href');

  it.each([
    ['<a href="https://x.example/a">', 'https://x.example/a'],
    ['(see https://x.example/a)}', 'https://x.example/a'],
    ["'https://x.example/a'", 'https://x.example/a'],
    ['{https://x.example/a}', 'https://x.example/a'],
    ['*https://x.example/a*', 'https://x.example/a'],
    ['https://x.example/a?b=1&c=2#top', 'https://x.example/a?b=1&c=2#top'],
    ['https://x.example/a`b', 'https://x.example/a'],
  ])('links %s to %s, without trailing punctuation', (text, href) => {
    expect(hrefOf(text)).toBe(href);
  });

  it('still sends link targets through the scheme allowlist', () => {
    expect(hrefOf('[x](javascript:alert(1))')).toBeUndefined();
    expect(hrefOf('<javascript:alert(1)>')).toBeUndefined();
  });
});

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

/** Best of a few runs (the machine is shared): milliseconds to render `source`. */
function cost(source: string): number {
  let best = Number.POSITIVE_INFINITY;
  for (let run = 0; run < 3; run++) {
    const start = performance.now();
    renderMarkdown(source, labels);
    renderInline(source, labels);
    best = Math.min(best, performance.now() - start);
  }
  return best;
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

  it.each(Object.keys(HOSTILE))('takes linear time on %s (2n costs about twice n)', (name) => {
    const make = HOSTILE[name] ?? (() => '');
    const n = 10_000; // 2n stays within the cap
    cost(make(n)); // warm up the pattern and the JIT
    const ratio = cost(make(2 * n)) / Math.max(cost(make(n)), 0.5);
    // Linear gives ~2; the quadratic patterns this replaces gave ~4 and more.
    expect(ratio).toBeLessThan(3.2);
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

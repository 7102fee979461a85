// @vitest-environment happy-dom
import { render } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { Markdown, parseBlocks } from './markdown';
import { safeHref, safeImageSrc } from './safe-url';

const labels = { opensInNewTab: '(opens in a new tab)' };

function html(text: string): HTMLElement {
  return render(<Markdown text={text} labels={labels} />).container as HTMLElement;
}

const ALLOWED_TAGS = new Set([
  'P',
  'BR',
  'STRONG',
  'EM',
  'CODE',
  'PRE',
  'UL',
  'OL',
  'LI',
  'BLOCKQUOTE',
  'A',
  'IMG',
  'SPAN',
  'DIV',
]);
const ALLOWED_ATTRIBUTES = new Set([
  'href',
  'target',
  'rel',
  'src',
  'alt',
  'loading',
  'referrerpolicy',
  'class',
]);

function assertInert(container: HTMLElement): void {
  for (const element of Array.from(container.querySelectorAll('*'))) {
    expect(ALLOWED_TAGS.has(element.tagName), element.tagName).toBe(true);
    for (const attribute of Array.from(element.attributes)) {
      expect(ALLOWED_ATTRIBUTES.has(attribute.name), attribute.name).toBe(true);
    }
    const href = element.getAttribute('href');
    if (href) expect(href).toMatch(/^(https?:|mailto:|tel:)/);
    const src = element.getAttribute('src');
    if (src) expect(src).toMatch(/^https:/);
  }
}

describe('safe URLs', () => {
  it.each([
    ['https://example.org/a?b=1', 'https://example.org/a?b=1'],
    ['http://example.org/', 'http://example.org/'],
    ['mailto:care@example.org', 'mailto:care@example.org'],
    ['tel:+15551234567', 'tel:+15551234567'],
    ['javascript:alert(1)', null],
    ['JaVaScRiPt:alert(1)', null],
    ['java\nscript:alert(1)', null],
    [' javascript:alert(1)', null],
    ['data:text/html,<script>alert(1)</script>', null],
    ['vbscript:msgbox', null],
    ['/relative/path', null],
    ['//evil.example/x', null],
    ['', null],
  ])('%s → %s', (input, expected) => {
    expect(safeHref(input)).toBe(expected);
  });

  it('loads images over https only', () => {
    expect(safeImageSrc('https://cdn.example.org/a.png')).toBe('https://cdn.example.org/a.png');
    expect(safeImageSrc('http://cdn.example.org/a.png')).toBeNull();
    expect(safeImageSrc('data:image/png;base64,AAAA')).toBeNull();
    expect(safeImageSrc('blob:https://x/1')).toBeNull();
  });
});

describe('markdown', () => {
  it('renders emphasis, code, lists, quotes and links', () => {
    const container = html(
      'Hello **bold** and *em* and `code`\nsecond line\n\n- one\n- two\n\n1. first\n2. second\n\n> quoted\n\n[site](https://example.org)',
    );
    expect(container.querySelector('strong')?.textContent).toBe('bold');
    expect(container.querySelector('em')?.textContent).toBe('em');
    expect(container.querySelector('code')?.textContent).toBe('code');
    expect(container.querySelectorAll('ul li')).toHaveLength(2);
    expect(container.querySelectorAll('ol li')).toHaveLength(2);
    expect(container.querySelector('blockquote')?.textContent).toBe('quoted');
    expect(container.querySelector('p')?.querySelector('br')).not.toBeNull();
    const link = container.querySelector('a');
    expect(link?.getAttribute('href')).toBe('https://example.org/');
    expect(link?.getAttribute('target')).toBe('_blank');
    expect(link?.getAttribute('rel')).toBe('noopener noreferrer');
    assertInert(container);
  });

  it('links bare URLs without the trailing punctuation', () => {
    const container = html('See https://example.org/faq.');
    expect(container.querySelector('a')?.getAttribute('href')).toBe('https://example.org/faq');
    expect(container.textContent?.endsWith('.')).toBe(true);
  });

  it('keeps snake_case words intact', () => {
    expect(html('use my_patient_id here').querySelector('em')).toBeNull();
  });

  it('fenced code stays text', () => {
    const container = html('```\n<b>not bold</b>\n```');
    expect(container.querySelector('pre code')?.textContent).toBe('<b>not bold</b>');
    expect(container.querySelector('b')).toBeNull();
  });

  it('parses blocks', () => {
    expect(parseBlocks('# Title\ntext\n\n- a\n  more\n- b').map((b) => b.kind)).toEqual([
      'h',
      'p',
      'ul',
    ]);
  });

  const HOSTILE = [
    '<script>window.pwned=1</script>',
    '<img src=x onerror="window.pwned=1">',
    '[click](javascript:window.pwned=1)',
    '[click](JAVASCRIPT:window.pwned=1)',
    '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
    '![x](javascript:window.pwned=1)',
    '![x](data:image/svg+xml,<svg onload=alert(1)>)',
    '<a href="javascript:alert(1)">x</a>',
    '<iframe src="https://evil.example"></iframe>',
    '<svg><script>alert(1)</script></svg>',
    '[x](https://ok.example "title" onmouseover=alert(1))',
    '**<img src=x onerror=alert(1)>**',
    '<style>*{display:none}</style>',
    'javascript:alert(1)',
  ];

  it.each(HOSTILE)('renders hostile input inert: %s', (payload) => {
    const container = html(payload);
    assertInert(container);
    expect(container.querySelector('script,iframe,svg,style,object,embed')).toBeNull();
  });
});

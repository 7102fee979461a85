import { describe, expect, it } from 'vitest';
import { type Hyperscript, markdownRenderer } from './markdown';

// The shared renderer builds with any `h`: here a plain tree, so what it emits is visible.
interface Node {
  type: string;
  props: Record<string, unknown> | null;
  children: unknown[];
}
const h: Hyperscript<Node> = (type, props, ...children) => ({ type, props, children });
const labels = { opensInNewTab: '(new tab)' };
const render = markdownRenderer(h, { hiddenClass: 'vh' });

function tags(value: unknown): string[] {
  if (typeof value !== 'object' || value === null) return [];
  const node = value as Node;
  return [node.type, ...node.children.flatMap(tags)];
}

describe('shared markdown renderer', () => {
  it('emits only the fixed set of elements, with allowlisted links', () => {
    const out = render.blocks(
      '**Call** [us](https://x.example/a) or [not](javascript:alert(1))\n\n- <b>raw</b>\n- `code`',
      labels,
    );
    const all = out.flatMap(tags);
    expect(new Set(all)).toEqual(new Set(['p', 'strong', 'a', 'span', 'ul', 'li', 'code']));
    const link = JSON.stringify(out);
    expect(link).toContain('"href":"https://x.example/a"');
    expect(link).toContain('"rel":"noopener noreferrer"');
    expect(link).not.toContain('javascript:');
    // Raw HTML stays text.
    expect(link).toContain('<b>raw</b>');
  });

  it('keeps plain text literal, line breaks as <br>', () => {
    const out = render.plain('**not bold**\nnext');
    expect(out.type).toBe('p');
    expect(out.children).toEqual([
      '**not bold**',
      { type: 'br', props: null, children: [] },
      'next',
    ]);
  });
});

import { safeHref, safeImageSrc } from './safe-url';

/**
 * The one inert markdown renderer, shared by the widget and the console. It builds nodes with
 * the `h` it is given (Preact's), so this package stays free of any UI library. Inert by
 * construction: every piece of input becomes a text node or one of a fixed set of elements
 * (p, br, strong, em, code, pre, ul, ol, li, blockquote, a, img, span) with attributes set
 * from validated values. Raw HTML in the input stays text. Links go through the scheme
 * allowlist and open in a new tab with rel="noopener noreferrer".
 */
export type Hyperscript<N> = (
  type: string,
  props: Record<string, unknown> | null,
  ...children: unknown[]
) => N;

export interface MarkdownLabels {
  opensInNewTab: string;
}

export interface MarkdownRenderer<N> {
  /** Inline spans of one line or paragraph: text nodes and elements. */
  inline(text: string, labels: MarkdownLabels, depth?: number): (N | string)[];
  /** A whole message: paragraphs, lists, quotes, code blocks. */
  blocks(source: string, labels: MarkdownLabels): N[];
  /** Plain text: lines kept, nothing parsed. */
  plain(text: string): N;
}

/**
 * One pass over the text, linear in its length: every span that waits for a closer (code,
 * emphasis, link text) looks at most a bounded window ahead, a code span starts only at the
 * start of a backtick run, and URL parts are bounded too. A bare URL stops before characters a
 * URL cannot hold unencoded (`<>"'{}|\^` and backtick) and never ends in punctuation.
 */
const INLINE =
  /(?<!`)(`{1,16})([^`]|[^`][\s\S]{0,498}?[^`])\1(?!`)|!\[([^\]]{0,500})\]\(\s*<?([^\s)>]{1,2048})>?\s*\)|\[([^\]]{1,500})\]\(\s*<?([^\s)>]{1,2048})>?(?:\s+"[^"]{0,500}")?\s*\)|\*\*([\s\S]{1,500}?)\*\*|(?<!\w)__([\s\S]{1,500}?)__(?!\w)|\*(?!\s)([\s\S]{1,500}?)(?<!\s)\*|(?<!\w)_(?!\s)([\s\S]{1,500}?)(?<!\s)_(?!\w)|<((?:https?|mailto|tel):[^\s<>]{1,2048})>|(https?:\/\/[^\s<>"'`{}|\\^]{0,2047}[^\s<>"'`{}|\\^.,:;)\]!?*_~])|\\([\\`*_{}[\]()#+\-.!>~|])/g;

/** Longest text rendered: a paragraph, a card's TextBlock (the rest is cut, not parsed). */
export const MAX_RENDERED_TEXT = 20_000;

export type MarkdownBlock =
  | { kind: 'p'; lines: string[] }
  | { kind: 'code'; text: string }
  | { kind: 'h'; text: string }
  | { kind: 'quote'; lines: string[] }
  | { kind: 'ul' | 'ol'; items: string[] };

const FENCE = /^\s{0,3}(```|~~~)/;
const HEADING = /^\s{0,3}#{1,6}\s+(.*)$/;
const BULLET = /^\s{0,3}[-*+]\s+(.*)$/;
const ORDERED = /^\s{0,3}\d{1,9}[.)]\s+(.*)$/;
const QUOTE = /^\s{0,3}>\s?(.*)$/;

export function parseMarkdownBlocks(source: string): MarkdownBlock[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks: MarkdownBlock[] = [];
  let i = 0;
  const last = () => blocks[blocks.length - 1];
  let open = false; // may the next line continue the last block?
  while (i < lines.length) {
    const line = lines[i] ?? '';
    i++;
    const fence = FENCE.exec(line);
    if (fence) {
      const body: string[] = [];
      while (i < lines.length && !(lines[i] ?? '').trimStart().startsWith(fence[1] ?? '```'))
        body.push(lines[i++] ?? '');
      i++;
      blocks.push({ kind: 'code', text: body.join('\n') });
      open = false;
      continue;
    }
    if (!line.trim()) {
      open = false;
      continue;
    }
    const heading = HEADING.exec(line);
    const bullet = BULLET.exec(line);
    const ordered = bullet ? null : ORDERED.exec(line);
    const quote = QUOTE.exec(line);
    const prev = last();
    if (heading) {
      blocks.push({ kind: 'h', text: headingText(heading[1] ?? '') });
      open = false;
    } else if (bullet || ordered) {
      const kind = bullet ? 'ul' : 'ol';
      const item = (bullet ?? ordered)?.[1] ?? '';
      if (prev?.kind === kind && open) prev.items.push(item);
      else blocks.push({ kind, items: [item] });
      open = true;
    } else if (quote) {
      if (prev?.kind === 'quote' && open) prev.lines.push(quote[1] ?? '');
      else blocks.push({ kind: 'quote', lines: [quote[1] ?? ''] });
      open = true;
    } else if (open && (prev?.kind === 'ul' || prev?.kind === 'ol') && /^\s+/.test(line)) {
      const items = prev.items;
      items[items.length - 1] += `\n${line.trim()}`;
    } else if (open && prev?.kind === 'p') {
      prev.lines.push(line);
    } else {
      blocks.push({ kind: 'p', lines: [line] });
      open = true;
    }
  }
  return blocks;
}

/** `Title ##` → `Title`, without a backtracking pattern (`\s*#*\s*$` is quadratic). */
function headingText(text: string): string {
  const trimmed = text.trimEnd();
  let end = trimmed.length;
  while (end > 0 && trimmed[end - 1] === '#') end--;
  return end === 0 || trimmed[end - 1] === ' ' ? trimmed.slice(0, end).trimEnd() : trimmed;
}

/**
 * A renderer building nodes with `h`. `hiddenClass` is the visually-hidden class of the host
 * (the link's "opens in a new tab" text).
 */
export function markdownRenderer<N>(
  h: Hyperscript<N>,
  options: { hiddenClass: string },
): MarkdownRenderer<N> {
  const image = (alt: string, src: string): N | string => {
    const safe = safeImageSrc(src);
    return safe
      ? h('img', { src: safe, alt, loading: 'lazy', referrerpolicy: 'no-referrer' })
      : alt;
  };
  const link = (href: string | undefined, children: unknown[], labels: MarkdownLabels) => {
    const safe = safeHref(href);
    if (!safe) return children as (N | string)[];
    const hidden = h('span', { class: options.hiddenClass }, ` ${labels.opensInNewTab}`);
    return [
      h('a', { href: safe, target: '_blank', rel: 'noopener noreferrer' }, ...children, hidden),
    ];
  };
  const inline = (text: string, labels: MarkdownLabels, depth = 0): (N | string)[] => {
    const out: (N | string)[] = [];
    if (depth > 8) return [text];
    const source = depth ? text : text.slice(0, MAX_RENDERED_TEXT);
    let last = 0;
    for (const m of source.matchAll(INLINE)) {
      const index = m.index ?? 0;
      if (index > last) out.push(source.slice(last, index));
      last = index + m[0].length;
      const [, , code, alt, src, linkText, href, bold1, bold2, em1, em2, auto, bare, esc] = m;
      const inner = (part: string | undefined) => inline(part ?? '', labels, depth + 1);
      if (code !== undefined) out.push(h('code', null, code.trim() || code));
      else if (src !== undefined) out.push(image(alt ?? '', src));
      else if (linkText !== undefined) out.push(...link(href, inner(linkText), labels));
      else if (bold1 !== undefined || bold2 !== undefined)
        out.push(h('strong', null, ...inner(bold1 ?? bold2)));
      else if (em1 !== undefined || em2 !== undefined)
        out.push(h('em', null, ...inner(em1 ?? em2)));
      else if (auto !== undefined) out.push(...link(auto, [auto], labels));
      else if (bare !== undefined) out.push(...link(bare, [bare], labels));
      else if (esc !== undefined) out.push(esc);
    }
    if (last < source.length) out.push(source.slice(last));
    return out;
  };
  const lines = (parts: string[], labels: MarkdownLabels): unknown[] =>
    parts.flatMap((part, index) => [
      ...(index > 0 ? [h('br', null)] : []),
      ...inline(part.trim(), labels),
    ]);
  const block = (b: MarkdownBlock, labels: MarkdownLabels): N => {
    switch (b.kind) {
      case 'p':
        return h('p', null, ...lines(b.lines, labels));
      case 'h':
        return h('p', null, h('strong', null, ...inline(b.text, labels)));
      case 'code':
        return h('pre', null, h('code', null, b.text));
      case 'quote':
        return h('blockquote', null, ...lines(b.lines, labels));
      case 'ul':
      case 'ol':
        return h(
          b.kind,
          null,
          ...b.items.map((item) => h('li', null, ...lines(item.split('\n'), labels))),
        );
    }
  };
  return {
    inline,
    blocks: (source, labels) =>
      parseMarkdownBlocks(source.slice(0, MAX_RENDERED_TEXT)).map((b) => block(b, labels)),
    plain: (text) => {
      const parts = text.slice(0, MAX_RENDERED_TEXT).split('\n');
      return h(
        'p',
        null,
        ...parts.flatMap((part, index) => (index > 0 ? [h('br', null), part] : [part])),
      );
    },
  };
}

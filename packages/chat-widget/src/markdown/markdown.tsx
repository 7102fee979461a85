import type { ComponentChildren, VNode } from 'preact';
import { safeHref, safeImageSrc } from './safe-url';

/**
 * Markdown to Preact VNodes. Inert by construction: every piece of input becomes a text node
 * or one of a fixed set of elements (p, br, strong, em, code, pre, ul, ol, li, blockquote, a,
 * img) with attributes set from validated values. Raw HTML in the input stays text. Links go
 * through the scheme allowlist and open in a new tab with rel="noopener noreferrer".
 */
export interface MarkdownLabels {
  opensInNewTab: string;
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

export function renderInline(text: string, labels: MarkdownLabels, depth = 0): ComponentChildren[] {
  const out: ComponentChildren[] = [];
  if (depth > 8) return [text];
  if (!depth) text = text.slice(0, MAX_RENDERED_TEXT);
  let last = 0;
  INLINE.lastIndex = 0;
  const matches = [...text.matchAll(INLINE)];
  for (const m of matches) {
    const index = m.index ?? 0;
    if (index > last) out.push(text.slice(last, index));
    last = index + m[0].length;
    const [, , code, imgAlt, imgSrc, linkText, linkHref, bold1, bold2, em1, em2, auto, bare, esc] =
      m;
    if (code !== undefined) out.push(<code>{code.trim() || code}</code>);
    else if (imgSrc !== undefined) out.push(image(imgAlt ?? '', imgSrc));
    else if (linkText !== undefined)
      out.push(link(linkHref, renderInline(linkText, labels, depth + 1), labels));
    else if (bold1 !== undefined || bold2 !== undefined)
      out.push(<strong>{renderInline(bold1 ?? bold2 ?? '', labels, depth + 1)}</strong>);
    else if (em1 !== undefined || em2 !== undefined)
      out.push(<em>{renderInline(em1 ?? em2 ?? '', labels, depth + 1)}</em>);
    else if (auto !== undefined) out.push(link(auto, [auto], labels));
    else if (bare !== undefined) out.push(link(bare, [bare], labels));
    else if (esc !== undefined) out.push(esc);
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

function image(alt: string, src: string): ComponentChildren {
  const safe = safeImageSrc(src);
  return safe ? <img src={safe} alt={alt} loading="lazy" referrerpolicy="no-referrer" /> : alt;
}

function link(
  href: string | undefined,
  children: ComponentChildren[],
  labels: MarkdownLabels,
): ComponentChildren {
  const safe = safeHref(href);
  if (!safe) return children;
  return (
    <a href={safe} target="_blank" rel="noopener noreferrer">
      {children}
      <span class="baton-vh"> {labels.opensInNewTab}</span>
    </a>
  );
}

type Block =
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

export function parseBlocks(source: string): Block[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
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

function lines(parts: string[], labels: MarkdownLabels): ComponentChildren[] {
  return parts.flatMap((part, index) => [
    ...(index > 0 ? [<br />] : []),
    ...renderInline(part.trim(), labels),
  ]);
}

export function renderMarkdown(source: string, labels: MarkdownLabels): VNode[] {
  return parseBlocks(source.slice(0, MAX_RENDERED_TEXT)).map((block) => renderBlock(block, labels));
}

function renderBlock(block: Block, labels: MarkdownLabels): VNode {
  switch (block.kind) {
    case 'p':
      return <p>{lines(block.lines, labels)}</p>;
    case 'h':
      return (
        <p>
          <strong>{renderInline(block.text, labels)}</strong>
        </p>
      );
    case 'code':
      return (
        <pre>
          <code>{block.text}</code>
        </pre>
      );
    case 'quote':
      return <blockquote>{lines(block.lines, labels)}</blockquote>;
    case 'ul':
    case 'ol': {
      const items = block.items.map((item) => <li>{lines(item.split('\n'), labels)}</li>);
      return block.kind === 'ul' ? <ul>{items}</ul> : <ol>{items}</ol>;
    }
  }
}

export function Markdown(props: { text: string; labels: MarkdownLabels; plain?: boolean }): VNode {
  if (props.plain) {
    const parts = props.text.slice(0, MAX_RENDERED_TEXT).split('\n');
    return <p>{parts.flatMap((part, index) => (index > 0 ? [<br />, part] : [part]))}</p>;
  }
  return <>{renderMarkdown(props.text, props.labels)}</>;
}

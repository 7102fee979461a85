import {
  type Hyperscript,
  MAX_RENDERED_TEXT,
  type MarkdownLabels,
  markdownRenderer,
  parseMarkdownBlocks,
} from '@baton/handoff-protocol';
import { type ComponentChildren, h, type VNode } from 'preact';

/**
 * The widget's face of the shared inert markdown renderer (`@baton/handoff-protocol`'s
 * `markdownRenderer`, the one the agent console uses too), built with Preact's `h`.
 */
export type { MarkdownLabels };
export { MAX_RENDERED_TEXT, parseMarkdownBlocks as parseBlocks };

const renderer = markdownRenderer(h as unknown as Hyperscript<VNode>, { hiddenClass: 'baton-vh' });

export function renderInline(text: string, labels: MarkdownLabels, depth = 0): ComponentChildren[] {
  return renderer.inline(text, labels, depth);
}

export function renderMarkdown(source: string, labels: MarkdownLabels): VNode[] {
  return renderer.blocks(source, labels);
}

export function Markdown(props: { text: string; labels: MarkdownLabels; plain?: boolean }): VNode {
  if (props.plain) return renderer.plain(props.text);
  return <>{renderer.blocks(props.text, props.labels)}</>;
}

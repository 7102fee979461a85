import { type Hyperscript, markdownRenderer, type TextFormat } from '@baton/handoff-protocol';
import { h, type VNode } from 'preact';
import { useConsole } from './context';

/** The widget's inert markdown renderer (shared in the protocol package), built with Preact. */
const renderer = markdownRenderer(h as unknown as Hyperscript<VNode>, { hiddenClass: 'vh' });

/**
 * A message text as its author wrote it: markdown through the shared inert renderer (no
 * innerHTML, links through the scheme allowlist), anything else as plain text.
 */
export function RichText({ text, format }: { text: string; format?: TextFormat | undefined }) {
  const { t } = useConsole();
  if (format !== 'markdown') return <p class="text">{text}</p>;
  return (
    <div class="text rich-text">{renderer.blocks(text, { opensInNewTab: t('opensInNewTab') })}</div>
  );
}

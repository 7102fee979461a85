/**
 * The patient's own copy of the conversation, made in the browser from what the log shows
 * (nothing is asked of a server, nothing is stored): plain text, printed from a blank frame,
 * where the print dialog also saves it as a PDF.
 */
export function transcriptText(log: Element, title: string, locale: string): string {
  let when = new Date().toISOString();
  try {
    when = new Date().toLocaleString(locale);
  } catch {
    // an unknown locale: the ISO time
  }
  const lines = [title, when, ''];
  for (const entry of Array.from(log.children)) {
    // biome-ignore lint/performance/useDomNodeTextContent: the text as laid out, line by line
    const shown = (entry as HTMLElement).innerText ?? entry.textContent ?? '';
    const text = shown
      .replace(/[ \t]+\n/g, '\n')
      .replace(/\n{2,}/g, '\n')
      .trim();
    if (text) lines.push(text, '');
  }
  return lines.join('\n');
}

/**
 * Print the log of the panel holding `from` (the button), titled with the panel's title.
 * `print`: the browser's dialog (tests read the frame instead).
 */
export function printTranscript(
  from: Element,
  locale: string,
  print = (view: Window) => view.print(),
): void {
  const panel = from.closest('.panel');
  const log = panel?.querySelector('.log');
  const title = panel?.querySelector('h2')?.textContent ?? '';
  if (!log) return;
  const frame = document.createElement('iframe');
  frame.title = title;
  frame.style.cssText = 'position:fixed;width:0;height:0;border:0;inset:0';
  document.body.append(frame);
  const page = frame.contentDocument;
  const view = frame.contentWindow;
  if (!page || !view) {
    frame.remove();
    return;
  }
  page.title = title;
  page.documentElement.lang = locale;
  const text = page.createElement('pre');
  text.style.cssText = 'white-space:pre-wrap;font:14px/1.5 system-ui,sans-serif';
  text.textContent = transcriptText(log, title, locale);
  page.body.append(text);
  view.addEventListener('afterprint', () => frame.remove(), { once: true });
  print(view);
}

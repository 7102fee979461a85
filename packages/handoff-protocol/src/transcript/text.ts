/** Appended to text cut at `maxTextLength`, so a reader knows the text went on. */
export const TEXT_TRUNCATION_MARKER = ' […]';

/**
 * Cuts `text` to at most `max` UTF-16 code units, ending with {@link TEXT_TRUNCATION_MARKER}
 * when cut. Never splits a surrogate pair.
 */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= TEXT_TRUNCATION_MARKER.length) return clip(text, max);
  return clip(text, max - TEXT_TRUNCATION_MARKER.length) + TEXT_TRUNCATION_MARKER;
}

/** Cuts to at most `max` code units without a marker (titles, names, content types). */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max);
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return text.slice(0, end);
}

const ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

/**
 * `textFormat: 'xml'` text reduced to plain text: `<br>` and block ends become line breaks,
 * other tags are removed, the common entities are decoded. Not a sanitiser: the result is
 * plain text and is rendered as inert text.
 */
export function xmlToPlain(xml: string): string {
  return xml
    .replace(/<br\s*\/?>|<\/(p|div|li|h[1-6])>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,6});/gi, (whole, name: string) => {
      const lower = name.toLowerCase();
      if (lower.startsWith('#')) {
        const code = lower.startsWith('#x')
          ? Number.parseInt(lower.slice(2), 16)
          : Number.parseInt(lower.slice(1), 10);
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
      }
      return ENTITIES[lower] ?? whole;
    });
}

/**
 * UTF-8 byte length of a string, counted without allocating (same result as
 * `new TextEncoder().encode(s).length`: a lone surrogate counts as U+FFFD, 3 bytes).
 */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1))) {
      bytes += 4;
      i += 1;
    } else bytes += 3;
  }
  return bytes;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** Bytes of `JSON.stringify(value)` in UTF-8. */
export function jsonBytes(value: unknown): number {
  return utf8Length(JSON.stringify(value) ?? '');
}

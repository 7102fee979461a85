/** Link schemes a bot, an agent or a card may use. Everything else renders as plain text. */
export const LINK_SCHEMES: readonly string[] = ['https:', 'http:', 'mailto:', 'tel:'];
/** Images load only over https: no `data:`, `blob:`, `javascript:` or plain http. */
export const IMAGE_SCHEMES: readonly string[] = ['https:'];

function parseAbsolute(raw: unknown): URL | null {
  if (typeof raw !== 'string') return null;
  // Browsers drop ASCII tab/newline inside URLs ("java\nscript:"), so judge the URL they see.
  const cleaned = raw.replace(/[\t\n\r]/g, '').trim();
  if (!cleaned || cleaned.length > 2048) return null;
  try {
    return new URL(cleaned);
  } catch {
    return null; // relative or malformed: a bot has no business linking relative to the portal
  }
}

export function safeHref(raw: unknown, schemes: readonly string[] = LINK_SCHEMES): string | null {
  const url = parseAbsolute(raw);
  return url && schemes.includes(url.protocol) ? url.href : null;
}

export function safeImageSrc(raw: unknown): string | null {
  return safeHref(raw, IMAGE_SCHEMES);
}

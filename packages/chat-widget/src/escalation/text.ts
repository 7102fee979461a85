import type { PhraseLists } from './types';

/** Lower case, accents and punctuation removed, spaces collapsed: "Parler à quelqu'un!" → "parler a quelqu un". */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The first phrase (from any language: patients mix them) found as whole words in `text`. */
export function findPhrase(text: string, lists: PhraseLists): string | null {
  const haystack = ` ${normalizeText(text)} `;
  for (const phrases of Object.values(lists)) {
    for (const phrase of phrases) {
      const needle = normalizeText(phrase);
      if (needle && haystack.includes(` ${needle} `)) return phrase;
    }
  }
  return null;
}

export function messageText(activity: { type: string; text?: unknown }): string | null {
  return activity.type === 'message' && typeof activity.text === 'string' && activity.text.trim()
    ? activity.text
    : null;
}

// Plain code, free of zod: the widget's escalation chunk and the server both run it, so the
// server can confirm or downgrade the browser's red-flag claim with the same phrase lists.

/** Phrase lists by language (`en`, `fr`, `es`, …); every list is tried on every text. */
export type PhraseLists = Readonly<Record<string, readonly string[]>>;

/** Red flags: the patient may be in danger now. Better a false alarm than a miss. */
export const RED_FLAG_PHRASES: PhraseLists = {
  en: [
    'chest pain',
    'pain in my chest',
    "can't breathe",
    'cannot breathe',
    'trouble breathing',
    'difficulty breathing',
    'suicide',
    'suicidal',
    'kill myself',
    'end my life',
    'want to die',
    'overdose',
    'stroke',
    'heart attack',
    'unconscious',
    'severe bleeding',
    'bleeding heavily',
    'seizure',
    'anaphylaxis',
  ],
  fr: [
    'douleur thoracique',
    'douleur à la poitrine',
    'mal à la poitrine',
    'je n’arrive pas à respirer',
    "je n'arrive pas a respirer",
    'difficulté à respirer',
    'suicide',
    'me suicider',
    'me tuer',
    'en finir',
    'envie de mourir',
    'veux mourir',
    'surdose',
    'overdose',
    'avc',
    'crise cardiaque',
    'inconscient',
    'inconsciente',
    'hémorragie',
    'saigne beaucoup',
    'convulsions',
  ],
  es: [
    'dolor en el pecho',
    'dolor de pecho',
    'no puedo respirar',
    'dificultad para respirar',
    'suicidio',
    'suicidarme',
    'quitarme la vida',
    'quiero morir',
    'sobredosis',
    'derrame cerebral',
    'ataque al corazón',
    'infarto',
    'inconsciente',
    'sangrado abundante',
    'convulsiones',
  ],
};

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

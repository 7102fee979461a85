import type { Locale, LocalizedText, Patterns } from './schema.js';

export function toLocale(tag: string | undefined): Locale {
  const language = tag?.slice(0, 2).toLowerCase();
  return language === 'fr' || language === 'es' ? language : 'en';
}

export function localize(text: LocalizedText, locale: Locale): string {
  if (typeof text === 'string') return text;
  return text[locale] ?? text.en;
}

/** Replaces `{{a.b}}` (or `{{a.b|fallback}}`) with values from `vars`; unknown names give the fallback or nothing. */
export function interpolate(text: string, vars: Record<string, unknown>): string {
  return text.replace(
    /\{\{\s*([\w.-]+)\s*(?:\|([^}]*))?\}\}/g,
    (_all, path: string, fallback?: string) => {
      let value: unknown = vars;
      for (const key of path.split('.')) {
        value =
          typeof value === 'object' && value !== null
            ? (value as Record<string, unknown>)[key]
            : undefined;
      }
      if ((typeof value === 'string' && value !== '') || typeof value === 'number')
        return String(value);
      return fallback ?? '';
    },
  );
}

function normalize(text: string): string {
  return text.normalize('NFC').trim();
}

/** True when any pattern of the locale (or English, as fallback) matches the text. */
export function matches(text: string, patterns: Patterns, locale: Locale): boolean {
  const sources = [...(patterns[locale] ?? []), ...(locale === 'en' ? [] : patterns.en)];
  const input = normalize(text);
  return sources.some((source) => new RegExp(source, 'iu').test(input));
}

/** Built-in phrases: the patient asking for a person (Health Bot's "agent" behaviour). */
export const agentRequest: Patterns = {
  en: [
    '^\\s*(an? )?(agent|human|operator|representative|person)\\s*[.!?]*\\s*$',
    '\\b(talk|speak|chat) (to|with) (an? )?(agent|human|person|someone|nurse|representative)\\b',
  ],
  fr: [
    '^\\s*(un )?(agent|humain|conseill(er|ère)|opérat(eur|rice))\\s*[.!?]*\\s*$',
    '\\b(parler|discuter) (à|a|avec) (un|une|quelqu.un)\\s*(agent|humain|personne|conseill(er|ère)|infirmi(er|ère))?\\b',
  ],
  es: [
    '^\\s*(un )?(agente|humano|persona|operador(a)?)\\s*[.!?]*\\s*$',
    '\\b(hablar|charlar) con (un|una|alguien)\\s*(agente|humano|persona|enfermer[oa])?\\b',
  ],
};

/** The simulator's own sentences, per locale. */
export const builtInText = {
  notUnderstood: {
    en: "I'm sorry, I didn't understand that. You can say **symptoms**, **appointment**, **billing**, or **agent**.",
    fr: 'Désolé, je n’ai pas compris. Vous pouvez dire **symptômes**, **rendez-vous**, **facturation** ou **agent**.',
    es: 'Lo siento, no le he entendido. Puede decir **síntomas**, **cita**, **facturación** o **agente**.',
  },
  connectingAgent: {
    en: 'Let me connect you with a member of our care team.',
    fr: 'Je vous mets en relation avec un membre de notre équipe.',
    es: 'Le pongo en contacto con un miembro de nuestro equipo de atención.',
  },
  identityRejected: {
    en: 'Sorry, I could not verify your identity. Please sign in again.',
    fr: 'Désolé, je n’ai pas pu vérifier votre identité. Veuillez vous reconnecter.',
    es: 'Lo siento, no he podido verificar su identidad. Vuelva a iniciar sesión.',
  },
  unknownScenario: {
    en: 'Sorry, that conversation is not available.',
    fr: 'Désolé, cette conversation n’est pas disponible.',
    es: 'Lo siento, esa conversación no está disponible.',
  },
  shareLocation: {
    en: 'May I use your location to find care near you?',
    fr: 'Puis-je utiliser votre position pour trouver des soins près de chez vous ?',
    es: '¿Puedo usar su ubicación para buscar atención cerca de usted?',
  },
} as const satisfies Record<string, Record<Locale, string>>;

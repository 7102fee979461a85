import type { PhraseLists } from './red-flags';

// The widget's built-in escalation lists, plain data free of zod: the widget's detectors use
// them when the organisation set none (`EscalationSettings`), and the console shows them to
// the administrator beside her own lists.

/** The patient asks for a person. Matched on normalised text (no accents, no punctuation). */
export const PERSON_REQUEST_PHRASES: PhraseLists = {
  en: [
    'talk to a person',
    'speak to a person',
    'speak with a person',
    'talk to someone',
    'speak to someone',
    'talk to a human',
    'speak to a human',
    'real person',
    'human agent',
    'live agent',
    'talk to an agent',
    'speak to an agent',
    'representative',
    'operator',
    'talk to a nurse',
    'speak to a nurse',
  ],
  fr: [
    'parler à une personne',
    'parler à quelqu’un',
    "parler a quelqu'un",
    'parler à un humain',
    'une vraie personne',
    'un vrai humain',
    'un conseiller',
    'une conseillère',
    'parler à un agent',
    'un opérateur',
    'une infirmière',
  ],
  es: [
    'hablar con una persona',
    'hablar con alguien',
    'hablar con un humano',
    'persona real',
    'hablar con un agente',
    'un operador',
    'un representante',
    'hablar con una enfermera',
  ],
};

/** What bots say when they did not understand (Health Bot's defaults among them). */
export const FALLBACK_PHRASES: PhraseLists = {
  en: [
    "I didn't understand",
    'I did not understand',
    "I don't understand",
    "I didn't get that",
    'could you rephrase',
    'can you rephrase',
    'please rephrase',
    "I'm not sure what you mean",
  ],
  fr: [
    "je n'ai pas compris",
    'je ne comprends pas',
    'pouvez-vous reformuler',
    'pourriez-vous reformuler',
  ],
  es: ['no entendí', 'no he entendido', 'no comprendo', 'puede reformular', 'podría reformular'],
};

/**
 * Emergency numbers by locale, most specific first. A portal serving one country should set
 * its own (`redFlags.emergencyNumbers`).
 */
export const EMERGENCY_NUMBERS: Readonly<Record<string, string>> = {
  'en-us': '911',
  'en-ca': '911',
  'en-gb': '999',
  'en-ie': '112',
  'en-au': '000',
  'en-nz': '111',
  en: '911',
  'fr-ca': '911',
  fr: '112',
  'es-mx': '911',
  'es-us': '911',
  es: '112',
  default: '112',
};

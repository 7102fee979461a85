import { type ConsoleMessages, en, type MessageKey } from './en';
import { es } from './es';
import { fr } from './fr';

export type { ConsoleMessages, MessageKey } from './en';

export const CONSOLE_LOCALES = ['en', 'fr', 'es'] as const;
export type ConsoleLocale = (typeof CONSOLE_LOCALES)[number];

const CATALOGUE: Record<ConsoleLocale, ConsoleMessages> = { en, fr, es };

/** The first supported locale among the wanted ones (BCP 47 tags, by primary subtag); else `en`. */
export function pickLocale(wanted: readonly (string | undefined)[]): ConsoleLocale {
  for (const tag of wanted) {
    const primary = tag?.toLowerCase().split('-')[0];
    if (primary && (CONSOLE_LOCALES as readonly string[]).includes(primary)) {
      return primary as ConsoleLocale;
    }
  }
  return 'en';
}

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** A `t(key, params)` for one locale; `{name}` placeholders are replaced as plain text. */
export function translator(locale: ConsoleLocale): Translate {
  const messages = CATALOGUE[locale];
  return (key, params) => {
    const template = messages[key] ?? en[key];
    if (!params) return template;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in params ? String(params[name]) : whole,
    );
  };
}

import { baseLanguage } from './strings';

/**
 * The host's own words for the panel's chrome (`title`, `launcherLabel`): one string, written
 * in the page's language, or one string per language (`{ en: 'Riverside assistant',
 * fr: 'Assistant Riverside' }`, keyed by language: `en`, not `en-GB`).
 */
export type HostText = string | Readonly<Record<string, string>>;

/**
 * The host's text for the chat's `locale`, or undefined when the host has none in that
 * language: the widget then shows its own translation, so the chrome follows the language
 * the patient picks. A single string counts as written in `pageLocale` (the host's locale).
 */
export function hostTextFor(
  text: HostText | undefined,
  locale: string,
  pageLocale: string,
): string | undefined {
  const language = baseLanguage(locale);
  return typeof text === 'object'
    ? text[language]
    : language === baseLanguage(pageLocale)
      ? text
      : undefined;
}

import { describe, expect, it } from 'vitest';
import { hostTextFor } from './host-text';

describe('hostTextFor: the host’s chrome text in the chat’s language', () => {
  it('a single string applies in the page’s language only', () => {
    expect(hostTextFor('Riverside assistant', 'en-GB', 'en')).toBe('Riverside assistant');
    // The patient picked Español: the widget’s own Spanish title, not the page’s English one.
    expect(hostTextFor('Riverside assistant', 'es', 'en')).toBeUndefined();
    expect(hostTextFor(undefined, 'en', 'en')).toBeUndefined();
  });

  it('one string per language, by the chat’s base language', () => {
    const title = { en: 'Riverside assistant', es: 'Asistente Riverside' };
    expect(hostTextFor(title, 'es-MX', 'en')).toBe('Asistente Riverside');
    expect(hostTextFor(title, 'en', 'fr')).toBe('Riverside assistant');
    expect(hostTextFor(title, 'fr', 'en')).toBeUndefined();
  });
});

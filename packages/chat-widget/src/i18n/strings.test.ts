import { afterEach, describe, expect, it, vi } from 'vitest';
import { directionFor, resolveLocale, STRINGS } from './strings';

const page = (lang: string) => ({ documentElement: { lang } }) as unknown as Document;

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('resolveLocale', () => {
  it('takes the options first, then the page, then the browser, then English', () => {
    vi.stubGlobal('navigator', { languages: ['es-MX', 'en'], language: 'es-MX' });
    expect(resolveLocale('fr', page('en'))).toBe('fr');
    expect(resolveLocale(undefined, page('fr-CA'))).toBe('fr-CA');
    expect(resolveLocale(undefined, page(''))).toBe('es-MX');
    vi.stubGlobal('navigator', { languages: [], language: '' });
    expect(resolveLocale(undefined, page(''))).toBe('en');
  });

  it('refuses what is not a language tag', () => {
    expect(resolveLocale('fr"><script>', page(''))).toBe('en');
  });

  it('writes Arabic right to left', () => {
    expect(directionFor('ar-EG')).toBe('rtl');
    expect(directionFor('fr')).toBe('ltr');
  });

  it('has every string in every language', () => {
    const keys = Object.keys(STRINGS.en ?? {}).sort();
    for (const strings of Object.values(STRINGS)) {
      expect(Object.keys(strings).sort()).toEqual(keys);
      expect(Object.values(strings).every((text) => text.length > 0)).toBe(true);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { agentRequest, interpolate, localize, matches, toLocale } from './language.js';

describe('simulator language helpers', () => {
  it('maps locale tags to en or fr', () => {
    expect(toLocale('fr-CA')).toBe('fr');
    expect(toLocale('FR')).toBe('fr');
    expect(toLocale('es-ES')).toBe('es');
    expect(toLocale('de-DE')).toBe('en');
    expect(toLocale(undefined)).toBe('en');
  });

  it('localizes with an English fallback', () => {
    expect(localize({ en: 'Hi', fr: 'Salut' }, 'fr')).toBe('Salut');
    expect(localize({ en: 'Hi' }, 'fr')).toBe('Hi');
    expect(localize('Same', 'fr')).toBe('Same');
  });

  it('interpolates variables with fallbacks', () => {
    expect(interpolate('Hello {{patient.name|there}}!', { patient: { name: 'Ana' } })).toBe(
      'Hello Ana!',
    );
    expect(interpolate('Hello {{patient.name|there}}!', { patient: {} })).toBe('Hello there!');
    expect(interpolate('{{a.b.c}}.', {})).toBe('.');
  });

  it('recognises a request for a person in English and French, not a passing mention', () => {
    for (const text of [
      'agent',
      'Human!',
      'can I talk to a nurse',
      'I want to speak with someone',
    ]) {
      expect(matches(text, agentRequest, 'en'), text).toBe(true);
    }
    for (const text of ['conseiller', 'je veux parler à un humain', 'Parler à un conseiller']) {
      expect(matches(text, agentRequest, 'fr'), text).toBe(true);
    }
    expect(matches('my travel agent booked it', agentRequest, 'en')).toBe(false);
  });
});

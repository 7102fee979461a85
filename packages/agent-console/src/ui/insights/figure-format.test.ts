import { describe, expect, it } from 'vitest';
import { translator } from '../../i18n';
import { decimal, percent } from './figure-format';

describe('figures as the console’s language writes them', () => {
  it('decimal comma in French and Spanish, point in English', () => {
    expect(decimal(4.25, 'fr')).toBe('4,25');
    expect(decimal(4.25, 'es')).toBe('4,25');
    expect(decimal(4.25, 'en')).toBe('4.25');
    expect(decimal(4, 'en', 1, true)).toBe('4.0');
    expect(decimal(4.25, 'fr', 1, true)).toBe('4,3');
  });

  it('percentages too', () => {
    expect(percent(0.4615, translator('fr'), 'fr')).toBe('46,2 %');
    expect(percent(0.4615, translator('en'))).toBe('46.2 %');
    expect(percent(null, translator('es'), 'es')).toBe(translator('es')('notAvailable'));
  });
});

import { describe, expect, it } from 'vitest';
import { fitBarLabels } from './chart-labels';

describe('bar chart labels', () => {
  it('widens the label column for long translations instead of clipping them', () => {
    const fr = fitBarLabels(['Le patient a demandé une personne', 'Transfert par le bot']);
    // 33 characters of 7 units and the gap: the whole label fits (the old column was 180).
    expect(fr.width).toBe(33 * 7 + 12);
    expect(fr.labels[0]).toBe('Le patient a demandé une personne');
  });

  it('keeps short labels in the narrow column and cuts the longest past the ceiling', () => {
    expect(fitBarLabels(['Urgent']).width).toBe(120);
    const long = 'x'.repeat(80);
    const fitted = fitBarLabels([long]);
    expect(fitted.width).toBe(300);
    expect(fitted.labels[0]).toHaveLength(Math.floor((300 - 12) / 7));
    expect(fitted.labels[0]?.endsWith('…')).toBe(true);
  });
});

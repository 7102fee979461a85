// @vitest-environment happy-dom
import { fireEvent, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { LocalDateInput, spelledOut } from '../src/ui/insights/LocalDateInput';
import { cleanupRendered, renderInConsole } from './support/render';

afterEach(cleanupRendered);

describe('date fields read in the console’s language, whatever the browser’s', () => {
  it('spells the value out in en, fr and es', () => {
    expect(spelledOut('date', '2026-12-04', 'fr')).toBe('vendredi 4 décembre 2026');
    expect(spelledOut('date', '2026-12-04', 'es')).toBe('viernes, 4 de diciembre de 2026');
    expect(spelledOut('date', '2026-12-04', 'en')).toBe('Friday, December 4, 2026');
    expect(spelledOut('time', '14:30', 'fr')).toBe('14:30');
    expect(spelledOut('time', '14:30', 'en')).toBe('2:30 PM');
    expect(spelledOut('date', '', 'fr')).toBe('');
    expect(spelledOut('date', '2026-11-30', 'fr', 'long')).toBe('30 novembre 2026');
  });

  it('the field carries the console’s lang and is described by the spelled-out value', () => {
    let value = '2026-12-04';
    const { container } = renderInConsole(
      <>
        <label for="period-from">Du</label>
        <LocalDateInput id="period-from" type="date" value={value} onValue={(v) => (value = v)} />
      </>,
      { locale: 'fr' },
    );
    const input = screen.getByLabelText('Du') as HTMLInputElement;
    expect(input.lang).toBe('fr');
    const description = container.querySelector(`#${input.getAttribute('aria-describedby')}`);
    expect(description?.textContent).toBe('vendredi 4 décembre 2026');
    fireEvent.input(input, { target: { value: '2026-12-05' } });
    expect(value).toBe('2026-12-05');
  });

  it('says nothing more when the browser already speaks the console’s language', () => {
    expect(navigator.language.split('-')[0]).toBe('en');
    const { container } = renderInConsole(
      <LocalDateInput id="period-to" type="date" value="2026-12-04" onValue={() => {}} />,
    );
    expect(container.querySelector('input')?.getAttribute('aria-describedby')).toBeNull();
    expect(container.querySelector('.date-spelled')).toBeNull();
  });
});

// @vitest-environment happy-dom
import { fireEvent as dom, within } from '@testing-library/preact';
import { render as preactRender } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { stringsFor } from '../src/i18n/strings';
import { Composer } from '../src/ui/Composer';

// Preact's own render (as in handoff-ui.test.tsx): one Preact instance for the hooks.
const mounted: HTMLElement[] = [];
afterEach(() => {
  for (const container of mounted.splice(0)) {
    preactRender(null, container);
    container.remove();
  }
});
const fireEvent = {
  input: (element: Element, init: object) => act(() => void dom.input(element, init)),
};

function composer(locale = 'en') {
  const sent: string[] = [];
  const inputRef: { current: HTMLTextAreaElement | null } = { current: null };
  const container = document.createElement('div');
  document.body.append(container);
  mounted.push(container);
  act(() =>
    preactRender(
      <Composer
        strings={stringsFor(locale)}
        disabled={false}
        onSend={(text) => sent.push(text)}
        inputRef={inputRef}
      />,
      container,
    ),
  );
  const ui = within(container);
  const field = ui.getByLabelText(stringsFor(locale).inputLabel) as HTMLTextAreaElement;
  return { ui, field, sent };
}

describe('Composer length limit', () => {
  it('says nothing far from the limit, then counts down in a status region', () => {
    const { ui, field } = composer();
    fireEvent.input(field, { target: { value: 'x'.repeat(1000) } });
    expect(ui.queryByRole('status')).toBeNull();
    expect(field.getAttribute('aria-describedby')).toBeNull();
    fireEvent.input(field, { target: { value: 'x'.repeat(1950) } });
    expect(ui.getByRole('status').textContent).toBe('50 characters left');
    expect(field.getAttribute('aria-describedby')).toBe('baton-count');
    expect(field.maxLength).toBe(2000);
  });

  it.each([
    ['fr', '0 caractères restants'],
    ['es', 'Quedan 0 caracteres'],
  ])('counts in %s', (locale, text) => {
    const { ui, field } = composer(locale);
    fireEvent.input(field, { target: { value: 'x'.repeat(2000) } });
    expect(ui.getByRole('status').textContent).toBe(text);
  });
});

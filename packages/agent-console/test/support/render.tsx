import type { ComponentChildren } from 'preact';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { type ConsoleLocale, translator } from '../../src/i18n';
import { ConsoleContext } from '../../src/ui/context';
import type { ConsoleOffers } from '../../src/ui/offers';

// Rendered with the same Preact instance as the components (ESM): @testing-library/preact's
// own `render` loads Preact's CommonJS build, and hooks then see no current component.
// Queries and events still come from @testing-library/preact.

const mounted: HTMLElement[] = [];

export function renderInConsole(
  ui: ComponentChildren,
  options: { locale?: ConsoleLocale; offers?: ConsoleOffers } = {},
) {
  const locale = options.locale ?? 'en';
  const container = document.createElement('div');
  container.className = 'baton-console';
  document.body.appendChild(container);
  mounted.push(container);
  act(() => {
    render(
      <ConsoleContext.Provider
        value={{
          locale,
          t: translator(locale),
          offers: options.offers ?? {},
        }}
      >
        {ui}
      </ConsoleContext.Provider>,
      container,
    );
  });
  return { container };
}

export function cleanupRendered(): void {
  for (const container of mounted.splice(0)) {
    act(() => render(null, container));
    container.remove();
  }
}

export { act };

import { fireEvent } from '@testing-library/preact';

/** DOM events, each flushed through Preact's `act` so the next step sees the new render. */
export const user = {
  click: (element: Element) => act(() => void fireEvent.click(element)),
  input: (element: Element, value: string) =>
    act(() => void fireEvent.input(element, { target: { value } })),
  change: (element: Element, value: string) =>
    act(() => void fireEvent.change(element, { target: { value } })),
  keyDown: (element: Element, key: string, init: KeyboardEventInit = {}) =>
    act(() => void fireEvent.keyDown(element, { key, ...init })),
};

import { createContext } from 'preact';
import type { CardAction } from '../directline/activity';
import type { Strings } from '../i18n/strings';

/** What deep components need without prop drilling: strings, locale and the action sink. */
export interface WidgetContext {
  strings: Strings;
  locale: string;
  act(action: CardAction): void;
  submit(value: Record<string, unknown>): void;
  retry(key: string): void;
  /** Bring the newest log entry into view (a card that finished loading grew it). */
  reveal(): void;
}

export const Widget = createContext<WidgetContext>({} as WidgetContext);

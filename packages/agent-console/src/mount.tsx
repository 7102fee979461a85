import { render } from 'preact';
import { AgentConsoleError } from './errors';
import { type ConsoleLocale, pickLocale } from './i18n';
import type { ConsoleSessionOptions } from './session/agent-socket';
import { App } from './ui/App';
import type { ConsoleOffers } from './ui/offers';
import { CONSOLE_CSS } from './ui/styles';
import { applyTheme, readTheme } from './ui/theme/preference';

export interface AgentConsoleOptions {
  /** Origin of the handoff server. Default: the page's own origin (the server serves the app). */
  serverUrl?: string;
  /**
   * The staff token, from the host's identity provider (production). Called on every
   * (re)connection, so it may refresh. Without it the development sign-in form shows.
   */
  getToken?: () => string | Promise<string>;
  /** `en`, `fr` or `es`; default from `navigator.languages`. */
  locale?: string;
  offers?: ConsoleOffers;
  /**
   * `adopt` (default): add the console's stylesheet to the document as a constructable
   * stylesheet (no inline style, no nonce). `none`: the page links app.css itself.
   */
  styles?: 'adopt' | 'none';
  /** Extra socket.io-client options. */
  socket?: ConsoleSessionOptions['socket'];
}

export interface MountedAgentConsole {
  readonly locale: ConsoleLocale;
  unmount(): void;
}

let adopted: CSSStyleSheet | undefined;

function adoptStyles(document: Document): void {
  if (adopted && document.adoptedStyleSheets.includes(adopted)) return;
  adopted ??= new CSSStyleSheet();
  adopted.replaceSync(CONSOLE_CSS);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, adopted];
}

/** Renders the agent console into `element`. Tokens and transcripts stay in memory. */
export function mountAgentConsole(
  element: HTMLElement,
  options: AgentConsoleOptions = {},
): MountedAgentConsole {
  if (!element || typeof element.appendChild !== 'function') {
    throw new AgentConsoleError('invalid_options', {
      message: 'mountAgentConsole needs an element',
    });
  }
  const serverUrl = options.serverUrl ?? element.ownerDocument.location.origin;
  const locale = pickLocale([
    options.locale,
    ...(typeof navigator === 'undefined' ? [] : navigator.languages),
  ]);
  if (options.styles !== 'none') adoptStyles(element.ownerDocument);
  element.classList.add('baton-console');
  applyTheme(element, readTheme());
  element.setAttribute('lang', locale);
  render(
    <App
      serverUrl={serverUrl}
      locale={locale}
      {...(options.getToken ? { getToken: options.getToken } : {})}
      {...(options.offers ? { offers: options.offers } : {})}
      {...(options.socket ? { socket: options.socket } : {})}
    />,
    element,
  );
  return {
    locale,
    unmount() {
      render(null, element);
    },
  };
}

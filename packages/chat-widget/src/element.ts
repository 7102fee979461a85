import type { ChatWidgetHandle, ChatWidgetOptions } from './types';
import { createChatWidget } from './widget';

/** Attributes of `<baton-chat>`; callbacks (getSession, onEscalate…) go in `.options`. */
const ATTRIBUTES = [
  'session',
  'locale',
  'mode',
  'position',
  'title',
  'launcher-label',
  'logo-url',
  'primary',
  'nonce',
  'scenario',
];

/**
 * Registers `<baton-chat>` (or another name). Inline by default: the panel renders where the
 * element is; `mode="floating"` gives the launcher and floating panel instead.
 */
export function defineBatonChatElement(name = 'baton-chat'): void {
  if (typeof customElements === 'undefined' || customElements.get(name)) return;

  class BatonChatElement extends HTMLElement {
    #handle: ChatWidgetHandle | null = null;
    /** Options that attributes cannot carry (functions); set before the element connects. */
    options: Partial<ChatWidgetOptions> = {};

    static get observedAttributes(): string[] {
      return ['locale'];
    }

    get widget(): ChatWidgetHandle | null {
      return this.#handle;
    }

    connectedCallback(): void {
      if (this.#handle) return;
      const attr = (key: string) => this.getAttribute(key) ?? undefined;
      const session = this.options.session ?? attr('session');
      if (!session) return;
      const mode = attr('mode') === 'floating' ? 'floating' : 'inline';
      const scenario = attr('scenario');
      const primary = attr('primary');
      const options: ChatWidgetOptions = {
        ...this.options,
        session,
        mode,
        ...(attr('locale') ? { locale: attr('locale') } : {}),
        ...(attr('position') === 'start' ? { position: 'start' as const } : {}),
        ...(attr('title') ? { title: attr('title') } : {}),
        ...(attr('launcher-label') ? { launcherLabel: attr('launcher-label') } : {}),
        ...(attr('logo-url') ? { logoUrl: attr('logo-url') } : {}),
        ...(attr('nonce') ? { nonce: attr('nonce') } : {}),
        ...(scenario ? { triggeredScenario: { trigger: scenario } } : {}),
        ...(primary ? { theme: { ...this.options.theme, primary } } : {}),
      };
      this.#handle = createChatWidget(options, { host: this });
      if (mode === 'inline') void this.#handle.open().catch(() => {});
    }

    disconnectedCallback(): void {
      this.#handle?.destroy();
      this.#handle = null;
    }

    attributeChangedCallback(name: string, _old: string | null, value: string | null): void {
      if (name === 'locale' && value) this.#handle?.setLocale(value);
    }

    open(): Promise<void> | undefined {
      return this.#handle?.open();
    }

    close(): void {
      this.#handle?.close();
    }
  }

  customElements.define(name, BatonChatElement);
}

export const BATON_CHAT_ATTRIBUTES: readonly string[] = ATTRIBUTES;

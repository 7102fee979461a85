/**
 * `dist/baton.js`: the script-tag loader (≤ 2 KB gzip). It drains the command queue the page
 * snippet created, reads `data-*` options from its own script tag, draws the launcher, and
 * imports the widget chunk only when the chat is opened (or on `open`/`preload`). It must
 * stay free of imports: everything here ships to every page view of the portal.
 */
type Listener = (payload: unknown) => void;
interface Handle {
  on(event: string, listener: Listener): void;
  off(event: string, listener: Listener): void;
  [command: string]: unknown;
}
type Command = [string, ...unknown[]];
interface BatonGlobal {
  (...args: Command): Promise<unknown> | undefined;
  q?: ArrayLike<ArrayLike<unknown>>;
  loaded?: boolean;
}

const LABELS: Record<string, string> & { en: string } = {
  en: 'Chat with us',
  fr: 'Discuter avec nous',
  es: 'Chatee con nosotros',
};
/** The Web Lock a tab with a conversation holds (`tabs/tab-group.ts`'s `LEADER`). */
const LEADER_LOCK = 'baton.tabs.leader';
const LAUNCHER_CSS =
  ':host{all:initial;--baton-primary:#0b5cad;--baton-on-primary:#fff;--baton-z:2147483000;--baton-font:system-ui,sans-serif}@media (prefers-color-scheme:dark){:host(:not([data-scheme=light])){--baton-primary:#9cc3ff;--baton-on-primary:#0b1a2b}}.launcher{position:fixed;inset-block-end:20px;inset-inline-end:20px;z-index:var(--baton-z);min-height:48px;padding:12px 20px;border:0;border-radius:999px;background:var(--baton-primary);color:var(--baton-on-primary);font:600 16px var(--baton-font);cursor:pointer;box-shadow:0 4px 14px rgb(0 0 0/.25)}:host([data-position=start]) .launcher{inset-inline-end:auto;inset-inline-start:20px}:focus-visible{outline:3px solid var(--baton-primary);outline-offset:2px}';

(() => {
  const w = window as unknown as { Baton?: BatonGlobal };
  const d = document;
  const previous = w.Baton;
  if (previous?.loaded) return; // the loader ran twice: the first one stays in charge
  const script = d.currentScript as HTMLScriptElement | null;
  const data = script?.dataset ?? {};
  const nonce = script?.nonce || undefined;
  const base = script?.src || d.baseURI;
  const options: Record<string, unknown> = {};
  const listeners: [string, Listener][] = [];
  const deferred: [string, unknown[]][] = []; // setLocale/setContext before the chunk loaded
  let host: HTMLElement | null = null;
  let widget: Promise<Handle> | null = null;

  const set = (key: string, value: string | undefined) => {
    if (value) options[key] = value;
  };
  for (const key of ['session', 'locale', 'title', 'launcherLabel', 'logoUrl', 'position'])
    set(key, data[key]);
  if (data.scenario) options.triggeredScenario = { trigger: data.scenario };
  if (data.primary) options.theme = { primary: data.primary };
  if (data.handoffServer) options.handoff = { serverUrl: data.handoffServer };
  if (data.debug === 'true') options.debug = true;
  if (data.launcher === 'none') options.launcher = false;
  if (data.shareLocation === 'true') options.shareLocation = true;
  if (nonce) options.nonce = nonce;

  /**
   * Whether another tab of the portal has a conversation (it holds the tabs' Web Lock). Asked
   * when the launcher is drawn, when it gets focus (a keyboard user reaching it, or the tab
   * shown again with it focused) and as it is pressed (pointer down); the click takes the
   * newest answer already back (`led`), and waits only when none is: a main thread busy with
   * the widget chunk would otherwise hold the session request back.
   */
  let led: boolean | undefined;
  let leader: Promise<boolean> | undefined;
  const askLeader = () =>
    (leader = (navigator as { locks?: { query(): Promise<{ held?: { name?: string }[] }> } }).locks
      ?.query()
      .then(({ held = [] }) => (led = held.some((l) => l.name === LEADER_LOCK))));

  /** What the widget keeps in the tab's storage (null when storage is blocked). */
  const stored = (key: string) => {
    try {
      return sessionStorage.getItem(key);
    } catch {
      return null;
    }
  };

  /** The host's locale: the page's option or `lang`, else the browser's. */
  const hostLocale = () =>
    String(
      options.locale || d.documentElement.lang || navigator.languages?.[0] || navigator.language,
    );
  /** The chat's locale: the patient's pick in this tab, else the host's. */
  const pageLocale = () => stored('baton:locale') || hostLocale();
  const language = (locale: string) => locale.slice(0, 2).toLowerCase();

  const mount = () => {
    if (host || !options.session) return;
    if (!d.body) {
      d.addEventListener('DOMContentLoaded', mount); // (it fires once)
      return;
    }
    host = d.createElement('div');
    host.dataset.baton = '';
    host.dataset.position = String(options.position ?? 'end');
    const theme = options.theme as { primary?: string } | undefined;
    if (theme?.primary) host.style.setProperty('--baton-primary', theme.primary);
    const root = host.attachShadow({ mode: 'open' });
    if (options.launcher !== false) {
      const style = d.createElement('style');
      if (nonce) style.setAttribute('nonce', nonce);
      style.textContent = LAUNCHER_CSS;
      const button = d.createElement('button');
      button.className = 'launcher';
      button.type = 'button';
      button.setAttribute('aria-expanded', 'false');
      // In the language the patient picked in the chat's menu (this tab), as the widget's
      // `hostTextFor`: the host's label where it is in that language (one string is in the
      // host's locale; or one per language), else our own.
      const lang = language(pageLocale());
      const label = options.launcherLabel as string | Record<string, string> | undefined;
      button.textContent =
        (typeof label === 'string' ? { [language(hostLocale())]: label } : label)?.[lang] ||
        LABELS[lang] ||
        LABELS.en;
      button.onpointerdown = button.onfocus = askLeader;
      button.onclick = () => void Baton('open');
      root.append(style, button);
    }
    d.body.append(host);
    askLeader();
    // The patient left the chat open (widget's `baton:open` flag): a reload reopens it.
    if (stored('baton:open')) void load();
  };

  /**
   * The widget's first session request, sent now, beside the widget's download (it would
   * otherwise wait for it). Its body is what the widget will ask for (the locale it resolves,
   * the conversation to resume); the widget takes the answer only when its request is the same.
   */
  const requestSession = () => {
    const url = options.session;
    // With a scenario (the request carries the page's context) or a locale set before the
    // widget loaded, the widget's request will differ: it asks itself.
    if (
      typeof url !== 'string' ||
      options.resume === false ||
      options.triggeredScenario ||
      deferred.some(([command]) => command === 'setLocale')
    )
      return undefined;
    try {
      const locale = pageLocale();
      const request: Record<string, unknown> = {
        locale: /^[a-z]{2,8}(-[a-z\d]{1,8})*$/i.test(locale) ? locale : 'en',
      };
      const handle = JSON.parse(stored('baton.resume.v1') || '{}');
      const { conversationId: id, resumeBinding: proof } = handle;
      // (JSON leaves out an absent binding, as the widget's request does.)
      if (id && handle.expiresAt > Date.now())
        request.resume = { conversationId: id, resumeBinding: proof };
      else request.init = {};
      const body = JSON.stringify(request);
      // A new conversation while another tab of the portal has one (it holds the tabs' lock):
      // the widget will join that one (its `TabGroup`), so nothing is started here (null).
      const send = (held?: boolean) => {
        if (held) return null;
        return fetch(url, {
          method: 'POST', // (credentials: same-origin, fetch's default)
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body,
        });
      };
      // With an answer at hand (or nothing to ask: a resume), the request leaves now, before
      // the widget's import starts; else once the tabs' lock has answered.
      const asked = request.init ? (led ?? leader ?? askLeader()) : false;
      const response = Promise.resolve(typeof asked === 'object' ? asked.then(send) : send(asked));
      response.catch(() => {}); // the widget reports failures when it uses the answer
      return { body, response };
    } catch {
      return undefined; // a malformed stored handle: the widget asks for its session itself
    }
  };

  const load = (): Promise<Handle> => {
    mount();
    if (!widget) {
      // The widget's download first (the longest way to the first message), then the session
      // request beside it; the chunk takes the request's answer when it boots.
      widget = import(/* @vite-ignore */ new URL('chunks/baton-widget.js', base).href).then(
        (chunk: { boot(host: HTMLElement, options: unknown, early: unknown): Handle }) => {
          if (!host) throw new Error('Baton: no session URL');
          const handle = chunk.boot(host, options, early);
          for (const [event, listener] of listeners) handle.on(event, listener);
          for (const [command, args] of deferred) call(handle, command, args);
          return handle;
        },
      );
      const early = requestSession();
      widget.catch(() => {
        widget = null; // a failed download may succeed on the next open
      });
    }
    return widget;
  };

  const call = (handle: Handle, command: string, args: unknown[]) => {
    const method = handle[command];
    return typeof method === 'function' ? method.apply(handle, args) : undefined;
  };

  const Baton: BatonGlobal = (command, ...args) => {
    switch (command) {
      case 'init':
        Object.assign(options, args[0]);
        mount();
        return undefined;
      case 'on':
      case 'off': {
        const entry: [string, Listener] = [String(args[0]), args[1] as Listener];
        if (command === 'on') listeners.push(entry);
        else {
          const index = listeners.findIndex(([e, l]) => e === entry[0] && l === entry[1]);
          if (index >= 0) listeners.splice(index, 1);
        }
        return widget?.then((handle) => call(handle, command, entry));
      }
      case 'setLocale':
      case 'setContext':
        if (!widget) {
          deferred.push([command, args]);
          return undefined;
        }
        break;
      case 'open':
      case 'preload':
      case 'toggle':
      case 'escalate':
        return load().then((handle) => call(handle, command, args));
      default:
        if (!widget) return undefined; // close/destroy before the chat ever loaded: nothing to do
    }
    const result = (widget ?? load()).then((handle) => call(handle, command, args));
    if (command === 'destroy') {
      // A later `open` starts afresh (a new launcher, a new conversation).
      widget = null;
      host?.remove();
      host = null;
    }
    return result;
  };
  Baton.loaded = true;
  w.Baton = Baton;
  for (const args of Array.from(previous?.q ?? [])) Baton(...(Array.from(args) as Command));
  mount();
})();

export {};

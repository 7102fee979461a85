import { render } from 'preact';
import { ChatController } from './conversation/controller';
import {
  panelWasOpen,
  pickedLocale,
  rememberPanelOpen,
  rememberPickedLocale,
} from './conversation/panel-open';
import { INITIAL_STATE } from './conversation/state';
import { buildTranscript } from './conversation/transcript';
import { debugSink } from './directline/debug-log';
import { defaultStorage } from './directline/resume-handle';
import { type EarlySessionRequest, sessionSource } from './directline/session';
import { Emitter } from './emitter';
import { BatonWidgetError } from './errors';
import { tunedDetectors } from './escalation/server-settings';
import type { EscalationSignal } from './escalation/types';
import { HandoffLink } from './handoff/link';
import { hostTextFor } from './i18n/host-text';
import { directionFor, resolveLocale, stringsFor } from './i18n/strings';
import { watchNetwork } from './network';
import { TabGroup } from './tabs/tab-group';
import type { ChatWidgetEvents, ChatWidgetHandle, ChatWidgetOptions } from './types';
import { App } from './ui/App';
import { drawOncePerTask } from './ui/draw-queue';
import { WIDGET_CSS } from './ui/styles';
import { messageEvent, withGuidance } from './widget-events';
import { themeHost } from './widget-host';
import { validate } from './widget-options';

/** Internal: the loader and the custom element hand over the element to render into. */
export interface MountTarget {
  host: HTMLElement;
  /** The session request the script-tag loader sent on the click. */
  early?: EarlySessionRequest;
}

/** Create the chat widget. Nothing talks to the network until `open()` or `preload()`. */
export function createChatWidget(
  options: ChatWidgetOptions,
  target?: MountTarget,
): ChatWidgetHandle {
  validate(options);
  const doc = document;
  const events = new Emitter<ChatWidgetEvents>();
  const mode = options.mode ?? 'floating';
  const host = target?.host ?? doc.createElement('div');
  if (!target) (options.container ?? doc.body).append(host);
  const shadow = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  shadow.replaceChildren();
  const style = doc.createElement('style');
  if (options.nonce) style.setAttribute('nonce', options.nonce);
  style.textContent = WIDGET_CSS;
  const mount = doc.createElement('div');
  shadow.append(style, mount);
  themeHost(host, options, mode);

  // The patient's own pick in the header's menu (this tab) comes before the host's locale.
  const tabStorage = options.resume === false ? null : defaultStorage();
  let locale = resolveLocale(pickedLocale(tabStorage) ?? options.locale, doc);
  // The language the host's single-string title and launcher label are written in.
  const pageLocale = resolveLocale(options.locale, doc);
  let context: Record<string, string> = {};
  let isOpen = mode === 'inline';
  let destroyed = false;
  let controller: ChatController | null = null;
  let lastConnection = INITIAL_STATE.connection;
  let readySent = false;
  let stopNetwork = () => {};
  let handoff: HandoffLink | null = null;
  let handoffPhase = '';
  let tabs: TabGroup | null = null;
  const launcherRef = { current: null as HTMLButtonElement | null };
  // Without our launcher, focus goes back to whatever opened the chat (the portal's button).
  let openedFrom: HTMLElement | null = null;
  const getSession = sessionSource(options.session, target?.early);
  // The open panel survives a reload (a flag only), unless the host turned resuming off.
  const panelStorage = mode === 'floating' ? tabStorage : null;

  const drawSoon = drawOncePerTask(() => draw()); // a burst of changes: one render
  const draw = () => {
    if (destroyed) return;
    const strings = stringsFor(locale);
    // On the host: the launcher and the panel flip to the same side in a right-to-left locale.
    host.dir = directionFor(locale);
    render(
      <App
        state={controller?.state ?? INITIAL_STATE}
        controller={controller}
        strings={strings}
        locale={locale}
        dir={directionFor(locale)}
        open={isOpen}
        mode={mode}
        // The host's words where it has them in the chat's language, else the widget's own.
        title={hostTextFor(options.title, locale, pageLocale) || strings.title}
        launcherLabel={hostTextFor(options.launcherLabel, locale, pageLocale) || strings.launcher}
        showLauncher={options.launcher !== false}
        {...(options.logoUrl ? { logoUrl: options.logoUrl } : {})}
        handoff={handoff?.active ?? null}
        onSend={(text) => {
          if (handoff?.send(text)) controller?.inspectPatientWords(text);
          else controller?.send(text);
        }}
        onTyping={() => handoff?.typing()}
        onBack={() => handoff?.dismiss()}
        onLocale={(next) => {
          rememberPickedLocale(tabStorage, next);
          handle.setLocale(next);
        }}
        onOpen={() => void handle.open()}
        onClose={() => handle.close()}
        launcherRef={launcherRef}
      />,
      mount,
    );
  };

  const onEscalate = async (signal: EscalationSignal, active: ChatController) => {
    // The matched phrase ("chest pain") is health information: the host gets it only with
    // messageTextInEvents; the handoff seam (onEscalate) always gets the whole reason.
    const { matchedText, ...publicReason } = signal.reason;
    const reason = options.messageTextInEvents ? signal.reason : publicReason;
    void matchedText;
    events.emit('escalated', { reason, priority: signal.priority });
    const transcript = await buildTranscript(active.activities, active.userId);
    const escalation = withGuidance(signal, locale);
    options.onEscalate?.(escalation.reason, escalation.priority, transcript);
    const link = handoffLink(active);
    // Once for all tabs: a tab whose detector fires after another tab's handoff joins it.
    const start = async () => {
      await link?.start(escalation, transcript);
      await link?.settled();
    };
    await (tabs ? tabs.startOnce(start) : start()).catch(handoffFailed);
  };

  const handoffFailed = (error: unknown) => {
    const code = error instanceof BatonWidgetError ? error.code : 'handoff_unavailable';
    events.emit('error', { code, message: error instanceof Error ? error.message : code });
  };

  const handoffLink = (active: ChatController): HandoffLink | null => {
    if (!options.handoff) return null;
    handoff ??= new HandoffLink({
      options: options.handoff,
      controller: active,
      locale: () => locale,
      changed: () => {
        // The handoff chunk brings its styles: added to the widget's own (nonce'd) style element.
        const css = handoff?.active?.module.ui.HANDOFF_CSS;
        if (css && style.textContent === WIDGET_CSS) style.textContent = WIDGET_CSS + css;
        const phase = handoff?.active?.state.phase ?? '';
        if (phase && phase !== handoffPhase) {
          events.emit('handoff', { phase });
          if (/^(queued|assigned)$/.test(phase))
            tabs?.announce(handoff?.active?.session.conversationId ?? '');
          if (phase === 'assigned') active.dismissEmergency();
          // Back with the bot: asking for a person again is a new handoff.
          if (phase === 'returned') active.resetEscalation();
        }
        handoffPhase = phase;
        draw();
      },
    });
    return handoff;
  };

  const ensureController = (): ChatController => {
    if (controller) return controller;
    const detectors = tunedDetectors(options.escalation, options.handoff?.serverUrl);
    const storage = options.resume === false ? null : defaultStorage();
    const group = new TabGroup({
      storage,
      handoff: (id): Promise<void> | undefined =>
        handoffLink(active)?.follow(id).catch(handoffFailed),
    });
    tabs = group;
    const active: ChatController = new ChatController({
      getSession,
      ...(options.createDirectLine ? { createDirectLine: options.createDirectLine } : {}),
      locale: () => locale,
      detectors,
      storage,
      beforeSession: () => group.adopt(),
      resumeTtlMs: options.resumeTtlMs ?? 30 * 60_000,
      ...(options.triggeredScenario ? { triggeredScenario: options.triggeredScenario } : {}),
      ...(options.shareLocation !== undefined ? { shareLocation: options.shareLocation } : {}),
      ...(options.directLine ? { directLine: options.directLine } : {}),
      debug: debugSink(options.debug),
      context: () => context,
    });
    active.events.on('state', (state) => {
      if (state.conversationId) group.join(); // other tabs of the portal may join it now
      if (state.connection !== lastConnection) {
        lastConnection = state.connection;
        events.emit('connection', { state: state.connection });
        if (state.connection === 'online' && !readySent) {
          readySent = true;
          events.emit(
            'ready',
            state.conversationId ? { conversationId: state.conversationId } : {},
          );
        }
      }
      drawSoon();
    });
    active.events.on('incoming', (activity) => {
      if (activity.type === 'message')
        events.emit('message', messageEvent(activity, 'bot', options.messageTextInEvents));
    });
    active.events.on('outgoing', (activity) => {
      if (activity.type !== 'message') return;
      events.emit('message', messageEvent(activity, 'patient', options.messageTextInEvents));
      if (!group.adopted) handoffLink(active)?.botActivity();
    });
    active.events.on('escalate', (signal) => void onEscalate(signal, active));
    active.events.on('error', (error) =>
      events.emit('error', { code: error.code, message: error.message }),
    );
    stopNetwork = watchNetwork((online) => active.setNetwork(online));
    controller = active;
    return active;
  };

  // A reload during a handoff: the resume handle names it; the server replays its log.
  const resumeHandoff = (active: ChatController) => {
    const stored = active.resumedHandoff;
    if (stored && !handoff?.active)
      void handoffLink(active)?.resume(stored.conversationId, stored.seenUpTo).catch(handoffFailed);
  };

  const handle: ChatWidgetHandle = {
    get isOpen() {
      return isOpen;
    },
    async open() {
      if (destroyed) throw new BatonWidgetError('destroyed');
      const active = ensureController();
      if (!isOpen) {
        const focused = doc.activeElement;
        openedFrom = focused instanceof HTMLElement && focused !== host ? focused : null;
        isOpen = true;
        rememberPanelOpen(panelStorage, true);
        drawSoon();
        events.emit('opened', {});
      }
      await active.start();
      resumeHandoff(active);
    },
    close() {
      if (!isOpen || mode === 'inline' || destroyed) return;
      isOpen = false;
      rememberPanelOpen(panelStorage, false);
      draw();
      (launcherRef.current ?? openedFrom)?.focus();
      events.emit('closed', {});
    },
    toggle() {
      if (isOpen) {
        handle.close();
        return Promise.resolve();
      }
      return handle.open();
    },
    async preload() {
      if (destroyed) throw new BatonWidgetError('destroyed');
      const active = ensureController();
      draw();
      await active.start();
      resumeHandoff(active);
    },
    destroy() {
      if (destroyed) return;
      handoff?.close();
      tabs?.close();
      controller?.dispose();
      stopNetwork();
      render(null, mount);
      destroyed = true;
      events.clear();
      if (!target) host.remove();
      else shadow.replaceChildren();
    },
    setLocale(next) {
      locale = resolveLocale(next, doc);
      draw();
    },
    setContext(next) {
      context = Object.fromEntries(
        Object.entries(next ?? {}).filter(([, value]) => typeof value === 'string'),
      );
    },
    escalate(request = {}) {
      ensureController().escalate(request.reason, request.priority ?? 'routine');
    },
    on: (event, listener) => events.on(event, listener),
    off: (event, listener) => events.off(event, listener),
  };
  draw();
  if (panelWasOpen(panelStorage)) handle.open().catch(() => {}); // failures reach `error`
  return handle;
}

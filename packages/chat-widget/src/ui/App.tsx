import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ChatController } from '../conversation/controller';
import type { ChatState } from '../conversation/state';
import type { CardAction } from '../directline/activity';
import type { ActiveHandoff } from '../handoff/link';
import { baseLanguage, type Strings } from '../i18n/strings';
import { safeImageSrc } from '../markdown/safe-url';
import { ConfirmHandoff, connectionText, EmergencyBanner } from './Banners';
import { CardActionList } from './CardActions';
import { Composer } from './Composer';
import { Widget, type WidgetContext } from './context';
import { MessageItem } from './MessageItem';
import { revealNewest } from './reveal';

export interface AppProps {
  state: ChatState;
  /** Null until the conversation starts (first open or preload). */
  controller: ChatController | null;
  strings: Strings;
  locale: string;
  dir: 'ltr' | 'rtl';
  open: boolean;
  mode: 'floating' | 'inline';
  title: string;
  launcherLabel: string;
  showLauncher: boolean;
  logoUrl?: string;
  onOpen(): void;
  onClose(): void;
  launcherRef: { current: HTMLButtonElement | null };
  /** The handoff under way, once its chunk loaded. */
  handoff: ActiveHandoff | null;
  /** The composer's text: to the person during a handoff, else to the bot. */
  onSend(text: string): void;
  onTyping(): void;
  /** Leave the handoff view ("back to the assistant"). */
  onBack(): void;
  /** The patient picked a language in the header's menu. */
  onLocale(locale: string): void;
}

/** The languages of the header's menu, each named in itself. */
const LANGUAGES = { en: 'English', fr: 'Français', es: 'Español' };

export function App(props: AppProps) {
  const { state, strings, controller, handoff } = props;
  const handoffStrings = handoff?.module.ui.handoffStringsFor(props.locale);
  const handoffStatus =
    handoff && handoffStrings ? handoff.module.ui.statusText(handoff.state, handoffStrings) : '';
  const inputRef = useRef<HTMLTextAreaElement | null>(null);
  const logRef = useRef<HTMLDivElement | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const context = useMemo<WidgetContext>(
    () => ({
      strings,
      locale: props.locale,
      act: (action: CardAction) => controller?.act(action),
      submit: (value) => controller?.submit(value),
      retry: (key) => controller?.retry(key),
      reveal: () => revealNewest(logRef.current),
    }),
    [strings, props.locale, controller],
  );

  // Focus moves into the panel when it opens: to the composer, or on a touch screen to the
  // dialog itself (focusing the composer would open the keyboard over the greeting).
  const panelRef = useRef<HTMLElement | null>(null);
  useEffect(() => {
    if (props.open && props.mode === 'floating')
      (matchMedia('(pointer:coarse)').matches ? panelRef : inputRef).current?.focus();
  }, [props.open, props.mode]);

  // Keep the newest message in view, also when a longer handoff status above the log (two
  // lines once back in the queue) makes the log shorter.
  const count = state.messages.length + (handoff?.state.items.length ?? 0);
  useEffect(() => {
    if (count > 0) revealNewest(logRef.current);
    // What is on screen while the panel is open has been seen: a read receipt for the agent.
    if (props.open && handoff) handoff.session.markRead();
  }, [count, state.typing, props.open, handoff, handoffStatus]);
  // …and when anything else makes the log shorter or taller (the handoff's buttons appear
  // under it, the panel opens after a reload): the newest message is not left cut off.
  useEffect(() => {
    const log = logRef.current;
    if (!log || typeof ResizeObserver !== 'function') return;
    const observer = new ResizeObserver(() => revealNewest(log));
    observer.observe(log);
    return () => observer.disconnect();
  }, []);
  useEffect(() => {
    if (handoffStatus) setAnnouncement(handoffStatus);
  }, [handoffStatus]);

  // State changes are announced politely; bot messages are announced by the log itself.
  useEffect(() => {
    if (state.connection !== 'idle') setAnnouncement(connectionText(state.connection, strings));
  }, [state.connection, strings]);
  useEffect(() => {
    if (state.escalation === 'confirming') setAnnouncement(strings.confirmHandoff);
    if (state.escalation === 'requested') setAnnouncement(strings.handoffRequested);
  }, [state.escalation, strings]);

  const last = state.messages[state.messages.length - 1];
  const suggested =
    !handoff && last?.from === 'bot' && last.activity.suggestedActions?.actions?.length
      ? last.activity.suggestedActions.actions
      : null;
  const logo = props.logoUrl ? safeImageSrc(props.logoUrl) : null;
  const floating = props.mode === 'floating';
  const showStatus = state.connection !== 'online' && state.connection !== 'idle';

  return (
    <Widget.Provider value={context}>
      {floating && props.showLauncher && (
        <button
          ref={props.launcherRef}
          type="button"
          class="launcher"
          aria-expanded={props.open}
          aria-controls="baton-panel"
          lang={props.locale}
          onClick={() => (props.open ? props.onClose() : props.onOpen())}
        >
          {/* What a press does: open the chat, or (while it is open) minimise it. */}
          {props.open ? strings.minimise : props.launcherLabel}
        </button>
      )}
      <section
        ref={panelRef}
        id="baton-panel"
        class="panel"
        role={floating ? 'dialog' : 'region'}
        aria-labelledby="baton-title"
        hidden={!props.open}
        tabIndex={-1}
        dir={props.dir}
        lang={props.locale}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && floating) {
            event.stopPropagation();
            props.onClose();
          }
        }}
      >
        <header>
          {logo && <img src={logo} alt="" referrerpolicy="no-referrer" />}
          <h2 id="baton-title">{props.title}</h2>
          <select
            aria-label={strings.language}
            value={baseLanguage(props.locale) in LANGUAGES ? baseLanguage(props.locale) : 'en'}
            onChange={(event) => props.onLocale(event.currentTarget.value)}
          >
            {Object.entries(LANGUAGES).map(([code, name]) => (
              <option key={code} value={code} lang={code}>
                {name}
              </option>
            ))}
          </select>
          {floating && (
            <button type="button" class="icon" aria-label={strings.close} onClick={props.onClose}>
              <span aria-hidden="true">×</span>
            </button>
          )}
        </header>
        <div class="vh" role="status">
          {announcement}
        </div>
        {showStatus && <p class="status">{connectionText(state.connection, strings)}</p>}
        {handoff && handoffStrings && (
          <handoff.module.ui.HandoffBanner state={handoff.state} strings={handoffStrings} />
        )}
        {state.emergencyNumber && (
          <EmergencyBanner number={state.emergencyNumber} strings={strings} />
        )}
        <div
          ref={logRef}
          class="log"
          role="log"
          aria-label={strings.conversation}
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable log must be reachable by keyboard
          tabIndex={0}
        >
          {(handoff ? state.messages.slice(0, handoff.anchor) : state.messages).map((message) => (
            <MessageItem key={message.key} message={message} />
          ))}
          {handoff && handoffStrings && (
            <handoff.module.ui.HandoffThread
              state={handoff.state}
              actions={handoff.session}
              strings={handoffStrings}
              locale={props.locale}
              onBack={props.onBack}
              chat={strings}
            />
          )}
          {handoff &&
            state.messages
              .slice(handoff.anchor)
              .map((message) => <MessageItem key={message.key} message={message} />)}
        </div>
        {state.typing && <p class="typing">{strings.typing}</p>}
        {suggested && (
          <div class="suggested">
            <CardActionList actions={suggested} />
          </div>
        )}
        {state.locationRequest && !handoff && (
          <div class="suggested actions">
            <button
              type="button"
              class="action primary"
              onClick={() => void controller?.answerLocation(true)}
            >
              {strings.shareLocation}
            </button>
            <button
              type="button"
              class="action"
              onClick={() => void controller?.answerLocation(false)}
            >
              {strings.notNow}
            </button>
          </div>
        )}
        {state.escalation === 'confirming' && (
          <ConfirmHandoff
            strings={strings}
            onAnswer={(accept) => controller?.confirmEscalation(accept)}
          />
        )}
        {handoff && handoffStrings ? (
          <handoff.module.ui.HandoffPanel
            state={handoff.state}
            actions={handoff.session}
            strings={handoffStrings}
            locale={props.locale}
            onBack={() => {
              props.onBack();
              inputRef.current?.focus();
            }}
            opensInNewTab={strings.opensInNewTab}
          />
        ) : (
          state.escalation === 'requested' && <p class="notice">{strings.handoffRequested}</p>
        )}
        <Composer
          strings={strings}
          inputRef={inputRef}
          disabled={(state.connection === 'ended' && !handoff) || !controller}
          onSend={props.onSend}
          onTyping={props.onTyping}
        />
      </section>
    </Widget.Provider>
  );
}

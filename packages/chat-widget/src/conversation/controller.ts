import type { Priority } from '@baton/handoff-protocol';
import type { Activity, CardAction } from '../directline/activity';
import { type DirectLineClient, DirectLineStatus } from '../directline/connection';
import { describeActivity } from '../directline/debug-log';
import { fetchHistory } from '../directline/history';
import {
  clearResumeHandle,
  type HandoffHandle,
  type ResumeHandle,
  writeResumeHandle,
} from '../directline/resume-handle';
import { Emitter } from '../emitter';
import { BatonWidgetError } from '../errors';
import { stringsFor } from '../i18n/strings';
import type { ChatSession } from '../types';
import { messageForAction } from './card-action';
import { EscalationFlow } from './escalation-flow';
import { askLocation, LOCATION_EVENTS } from './location';
import { MessageLog } from './message-log';
import type { ControllerEvents, ControllerOptions } from './options';
import { patientActivity, type SendExtra } from './patient-message';
import { initConversationActivity, initRequest, openSession } from './session-start';
import { type ChatState, type ConnectionState, INITIAL_STATE } from './state';
import { TokenRefresh } from './token-refresh';

const TYPING_MS = 6000;

/**
 * The bot conversation without any UI: session, Direct Line, de-duplication, delivery states,
 * resume handle, escalation detection. The UI renders `state` and calls the methods.
 */
export class ChatController {
  readonly events = new Emitter<ControllerEvents>();
  #state: ChatState = INITIAL_STATE;
  #client: DirectLineClient | null = null;
  #session: ChatSession | null = null;
  #subscriptions: { unsubscribe(): void }[] = [];
  #started: Promise<void> | null = null;
  #wasOnline = false;
  #link: ConnectionState = 'idle';
  #networkDown = false;
  #resumed = false;
  /** The backend posted `InitConversation` (the session's `firstTurn`). */
  #initSent = false;
  #typingTimer: ReturnType<typeof setTimeout> | undefined;
  #handoff: HandoffHandle | undefined;
  /** Messages sent before the Direct Line client exists: delivered once it does. */
  #waiting: string[] = [];
  readonly #log = new MessageLog();
  readonly #escalation: EscalationFlow;

  readonly #tokens = new TokenRefresh({
    request: () => {
      const conversationId = this.#client?.conversationId ?? this.#state.conversationId;
      if (!conversationId || !this.#client) return null;
      const binding = this.#session?.resumeBinding;
      return this.options.getSession({
        locale: this.options.locale(),
        resume: { conversationId, ...(binding ? { resumeBinding: binding } : {}) },
      });
    },
    apply: (session) => {
      this.#session = session;
      const conversationId = this.#client?.conversationId ?? this.#state.conversationId ?? '';
      const { token, streamUrl } = session.directLine;
      this.#client?.reconnect({ conversationId, token, ...(streamUrl ? { streamUrl } : {}) });
    },
    fail: (cause) => {
      this.#setConnection('offline');
      this.#fail(cause, 'session_failed');
    },
  });

  constructor(readonly options: ControllerOptions) {
    this.#escalation = new EscalationFlow({
      update: (patch) => this.#update(patch),
      state: () => this.#state,
      signal: (signal) => this.events.emit('escalate', signal),
      detectors: options.detectors,
    });
  }

  get state(): ChatState {
    return this.#state;
  }

  /** Every activity seen, in order: the source of the transcript at escalation time. */
  get activities(): readonly Activity[] {
    return this.#log.activities;
  }

  /** The signed patient token of the current session, for the handoff client. */
  get patientToken(): string | undefined {
    return this.#session?.patientToken;
  }

  get userId(): string | undefined {
    return this.#session?.userId;
  }

  /** The handoff server's patient token of the current session (refreshed with it). */
  get handoffToken(): string | undefined {
    return this.#session?.handoffToken;
  }

  /** A handoff still under way when the page was reloaded (from the resume handle). */
  get resumedHandoff(): HandoffHandle | undefined {
    return this.#handoff;
  }

  /** Remember (or forget, with null) the handoff in the resume handle. */
  setHandoffHandle(handle: HandoffHandle | null): void {
    this.#handoff = handle ?? undefined;
    this.#saveHandle();
  }

  resetEscalation(): void {
    this.#escalation.reset();
  }

  start(): Promise<void> {
    this.#started ??= this.#start().catch((cause: unknown) => {
      this.#started = null;
      this.#setConnection('offline');
      this.#failWaiting();
      this.#fail(cause, 'connection_failed');
    });
    return this.#started;
  }

  async #start(): Promise<void> {
    this.#setConnection('connecting');
    if (this.options.beforeSession) await this.options.beforeSession();
    const { session, handle } = await openSession(
      this.options.getSession,
      this.options.locale(),
      this.options.storage,
      (this.options.now ?? Date.now)(),
      initRequest(this.options.triggeredScenario, this.options.context()),
    );
    this.#session = session;
    this.#resumed = Boolean(handle);
    this.#initSent = Boolean(session.firstTurn);
    this.#handoff = handle?.handoff;
    const dl = session.directLine;
    const conversationId = dl.conversationId ?? handle?.conversationId;
    // Resuming: the transcript was never stored, so fetch it from Direct Line, then stream
    // from its watermark (the client asks for a fresh stream URL from there).
    const history =
      handle && conversationId ? await fetchHistory(dl.domain, conversationId, dl.token) : null;
    const client = this.options.createDirectLine({
      token: dl.token,
      ...(dl.domain ? { domain: dl.domain } : {}),
      ...(conversationId ? { conversationId } : {}),
      ...(history?.watermark ? { watermark: history.watermark } : {}),
      // A conversation the backend started: straight to its stream, no start round trip.
      ...(!handle && dl.conversationId && dl.streamUrl ? { streamUrl: dl.streamUrl } : {}),
      ...this.options.directLine,
    });
    this.#client = client;
    for (const key of this.#waiting.splice(0)) this.#deliver(key);
    if (conversationId) this.#update({ conversationId });
    for (const activity of history?.activities ?? []) this.#onActivity(activity, true);
    // The bot's greeting came with the session: shown now (the stream repeats it, de-duplicated).
    for (const activity of session.firstTurn?.activities ?? []) this.#onActivity(activity);
    this.#tokens.schedule(dl.expiresIn);
    this.#subscriptions.push(
      client.connectionStatus$.subscribe((status) => this.#onStatus(status)),
      client.activity$.subscribe(
        (activity) => this.#onActivity(activity),
        () => this.#setConnection('offline'),
      ),
    );
  }

  #onStatus(status: number): void {
    this.options.debug?.({ direction: 'status', type: 'connection', status: String(status) });
    switch (status) {
      case DirectLineStatus.Uninitialized:
      case DirectLineStatus.Connecting:
        this.#setConnection(this.#wasOnline ? 'reconnecting' : 'connecting');
        return;
      case DirectLineStatus.Online: {
        const first = !this.#wasOnline;
        this.#wasOnline = true;
        const conversationId =
          this.#client?.conversationId ?? this.#session?.directLine.conversationId;
        if (conversationId) this.#update({ conversationId });
        this.#setConnection('online');
        this.#saveHandle();
        if (first && !this.#resumed && !this.#initSent) this.#initConversation();
        for (const key of this.#waiting.splice(0)) this.#deliver(key); // held while reconnecting
        return;
      }
      case DirectLineStatus.ExpiredToken:
        this.#setConnection('reconnecting');
        void this.refreshSession();
        return;
      case DirectLineStatus.FailedToConnect:
        this.#setConnection('offline');
        this.#fail(undefined, 'connection_failed');
        return;
      case DirectLineStatus.Ended:
        this.#setConnection('ended');
        clearResumeHandle(this.options.storage);
        return;
      default:
        return;
    }
  }

  /** Health Bot's `InitConversation` invoke: the signed patient token and a scenario. */
  #initConversation(): void {
    const session = this.#session;
    if (!session) return;
    this.#post(
      initConversationActivity(
        session.patientToken,
        this.options.locale(),
        this.options.triggeredScenario,
        this.options.context(),
      ),
    ).subscribe(
      () => {},
      () => {},
    );
  }

  /** Get a fresh session for the same conversation and hand the new token to the client. */
  refreshSession(): Promise<void> {
    return this.#tokens.refresh();
  }

  /** `replay`: history fetched on resume; shown, but detectors and events already saw it. */
  #onActivity(activity: Activity, replay = false): void {
    if (!activity || typeof activity.type !== 'string') return;
    this.options.debug?.(describeActivity('in', activity));
    const ownId = this.#session?.userId;
    const result = this.#log.receive(activity, ownId);
    if (result === 'duplicate') return;
    this.#saveHandle();
    if (result === 'echo' || replay) {
      this.#update({ messages: this.#log.messages });
      return;
    }
    this.events.emit('incoming', activity);
    if (activity.type === 'typing') {
      this.#setTyping(true);
      return;
    }
    if (activity.type === 'message') {
      this.#setTyping(false);
      this.#update({ messages: this.#log.messages });
    }
    if (activity.type === 'event' && activity.name && LOCATION_EVENTS.has(activity.name)) {
      // Allowed: the patient decides with a button. Not allowed: a quiet "no" moves the bot on.
      if (this.options.shareLocation) this.#update({ locationRequest: activity.name });
      else this.#declineLocation();
    }
    this.#escalation.inspect({ direction: 'incoming', activity, locale: this.options.locale() });
  }

  #setTyping(typing: boolean): void {
    clearTimeout(this.#typingTimer);
    if (typing) this.#typingTimer = setTimeout(() => this.#update({ typing: false }), TYPING_MS);
    if (this.#state.typing !== typing) this.#update({ typing });
  }

  /** Send the patient's text (or a card action's value) to the bot. */
  send(text: string, extra: SendExtra = {}): void {
    const activity = patientActivity(text, extra, this.options.locale());
    if (!activity) return;
    if (this.#state.locationRequest) this.#update({ locationRequest: undefined });
    const key = this.#log.addOutgoing(activity, {
      hidden: extra.hidden ?? false,
      ...(extra.displayText ? { displayText: extra.displayText } : {}),
    });
    this.#update({ messages: this.#log.messages });
    // Detectors see the patient's words before the bot does: red flags act at once.
    this.#escalation.inspect({ direction: 'outgoing', activity, locale: this.options.locale() });
    this.#deliver(key);
  }

  /** A button on a card or a suggested action. */
  act(action: CardAction): void {
    const message = messageForAction(action);
    if (message) this.send(message.text, message.extra);
  }

  /** An Adaptive Card `Action.Submit`: the data and the inputs, sent as the message value. */
  submit(value: Record<string, unknown>): void {
    this.send('', { value, hidden: true });
  }

  retry(key: string): void {
    if (this.#log.markSending(key)) {
      this.#update({ messages: this.#log.messages });
      this.#deliver(key);
    }
  }

  #deliver(key: string): void {
    const activity = this.#log.outgoingActivity(key);
    if (!activity) return;
    // Typed right after opening, or while an expired token is being replaced: sent when the
    // client exists and is back online (a failure to get back marks it failed).
    const reconnecting = this.#link === 'reconnecting';
    if ((!this.#client || reconnecting) && this.#started && this.#state.connection !== 'ended') {
      this.#waiting.push(key);
      return;
    }
    if (!this.#client || this.#state.connection === 'ended') {
      this.#log.markFailed(key);
      this.#update({ messages: this.#log.messages });
      return;
    }
    this.#post(activity).subscribe(
      (id) => {
        if (id === 'retry') this.#log.markFailed(key);
        else this.#log.markSent(key, id);
        this.#update({ messages: this.#log.messages });
      },
      () => {
        if (this.#link === 'reconnecting') {
          this.#waiting.push(key); // the token expired meanwhile: sent once it is replaced
          return;
        }
        this.#log.markFailed(key);
        this.#update({ messages: this.#log.messages });
      },
    );
  }

  #post(activity: Activity) {
    const client = this.#client;
    const userId = this.#session?.userId;
    if (!client || !userId) throw new BatonWidgetError('connection_failed');
    // Set on the logged object itself, so the transcript knows who wrote it.
    activity.from = { id: userId, role: 'user' };
    this.options.debug?.(describeActivity('out', activity));
    this.events.emit('outgoing', activity);
    return client.postActivity(activity);
  }

  /** The patient's answer to the bot's location request: share it, or not now. */
  async answerLocation(share: boolean): Promise<void> {
    const name = this.#state.locationRequest;
    if (!name) return;
    this.#update({ locationRequest: undefined });
    const position = share ? await askLocation(this.options.shareLocation) : null;
    if (!position || !this.#client) {
      this.#declineLocation(share ? undefined : stringsFor(this.options.locale()).notNow);
      return;
    }
    this.#post({ type: 'event', name, value: position }).subscribe(
      () => {},
      () => {},
    );
  }

  /** The bot's words for "no" (its location prompt takes them), shown as `displayText` if any. */
  #declineLocation(displayText?: string): void {
    const no = stringsFor(this.options.locale()).locationNo;
    this.send(no, { hidden: true, ...(displayText ? { displayText } : {}) });
  }

  /**
   * The patient's words while a person has the chat (they go to the handoff server, not the
   * bot): the detectors still read them, so a red flag shows the emergency guidance at once.
   */
  inspectPatientWords(text: string): void {
    const activity = { type: 'message', text, textFormat: 'plain' };
    this.#escalation.inspect({ direction: 'outgoing', activity, locale: this.options.locale() });
  }

  /** A person joined: they have the guidance; a later red flag shows it again. */
  dismissEmergency(): void {
    if (this.#state.emergencyNumber) this.#update({ emergencyNumber: undefined });
  }

  confirmEscalation(accept: boolean): void {
    this.#escalation.confirm(accept);
  }

  escalate(reason: string | undefined, priority: Priority = 'routine'): void {
    this.#escalation.host(reason, priority);
  }

  #saveHandle(): void {
    const conversationId = this.#client?.conversationId ?? this.#state.conversationId;
    if (!conversationId || this.#state.connection === 'ended') return;
    const handle: ResumeHandle = {
      conversationId,
      expiresAt: (this.options.now ?? Date.now)() + this.options.resumeTtlMs,
      ...(this.#client?.watermark ? { watermark: this.#client.watermark } : {}),
      ...(this.#session?.resumeBinding ? { resumeBinding: this.#session.resumeBinding } : {}),
      ...(this.#handoff ? { handoff: this.#handoff } : {}),
    };
    writeResumeHandle(this.options.storage, handle);
  }

  #fail(cause: unknown, code: 'connection_failed' | 'session_failed'): void {
    const error = cause instanceof BatonWidgetError ? cause : new BatonWidgetError(code, { cause });
    this.events.emit('error', error);
  }

  /** The browser's own network state (the `online`/`offline` events) wins over the link's. */
  setNetwork(online: boolean): void {
    this.#networkDown = !online;
    this.#setConnection(this.#link);
  }

  #setConnection(connection: ConnectionState): void {
    this.#link = connection;
    if ((connection === 'offline' || connection === 'ended') && this.#waiting.length)
      this.#failWaiting();
    const shown = this.#networkDown && connection !== 'ended' ? 'offline' : connection;
    if (shown !== this.#state.connection) this.#update({ connection: shown });
  }

  /** Messages held for the client that will not come: shown as not sent. */
  #failWaiting(): void {
    for (const key of this.#waiting.splice(0)) this.#log.markFailed(key);
    this.#update({ messages: this.#log.messages });
  }

  #update(patch: Partial<ChatState>): void {
    this.#state = { ...this.#state, ...patch };
    this.events.emit('state', this.#state);
  }

  /** The patient or the host ends the chat: forget the resume handle. */
  end(): void {
    clearResumeHandle(this.options.storage);
    this.#client?.end();
    this.dispose();
    this.#setConnection('ended');
  }

  dispose(): void {
    clearTimeout(this.#typingTimer);
    this.#tokens.stop();
    for (const subscription of this.#subscriptions) subscription.unsubscribe();
    this.#subscriptions = [];
  }
}

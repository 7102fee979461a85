import type { Priority } from '@baton/handoff-protocol';
import type { Activity, CardAction } from '../directline/activity';
import { clearResumeHandle, type HandoffHandle } from '../directline/resume-handle';
import { Emitter } from '../emitter';
import { messageForAction } from './card-action';
import { connect } from './connect';
import {
  type ControllerCore,
  createCore,
  fail,
  failWaiting,
  saveHandle,
  setConnection,
  update,
} from './core';
import { confirmEscalation, hostEscalation, inspect, resetEscalation } from './escalation-flow';
import type { ControllerEvents, ControllerOptions } from './options';
import { answerLocation, retry, send } from './outgoing';
import type { SendExtra } from './patient-message';
import type { ChatState } from './state';
import { refreshToken } from './token-refresh';

/**
 * The bot conversation without any UI: session, Direct Line, de-duplication, delivery states,
 * resume handle, escalation detection. The UI renders `state` and calls the methods; the work
 * is done over one shared state (`core.ts`) by `connect.ts` (session, client, link status),
 * `incoming.ts` (the bot's activities) and `outgoing.ts` (the patient's messages).
 */
export class ChatController {
  readonly events = new Emitter<ControllerEvents>();
  readonly #c: ControllerCore;

  constructor(readonly options: ControllerOptions) {
    this.#c = createCore(options, this.events);
  }

  get state(): ChatState {
    return this.#c._state;
  }

  /** Every activity seen, in order: the source of the transcript at escalation time. */
  get activities(): readonly Activity[] {
    return this.#c._log.activities;
  }

  /** The signed patient token of the current session, for the handoff client. */
  get patientToken(): string | undefined {
    return this.#c._session?.patientToken;
  }

  get userId(): string | undefined {
    return this.#c._session?.userId;
  }

  /** The handoff server's patient token of the current session (refreshed with it). */
  get handoffToken(): string | undefined {
    return this.#c._session?.handoffToken;
  }

  /** A handoff still under way when the page was reloaded (from the resume handle). */
  get resumedHandoff(): HandoffHandle | undefined {
    return this.#c._handoff;
  }

  /** Remember (or forget, with null) the handoff in the resume handle. */
  setHandoffHandle(handle: HandoffHandle | null): void {
    this.#c._handoff = handle ?? undefined;
    saveHandle(this.#c);
  }

  resetEscalation(): void {
    resetEscalation(this.#c);
  }

  start(): Promise<void> {
    const c = this.#c;
    c._started ??= connect(c).catch((cause: unknown) => {
      c._started = null;
      setConnection(c, 'offline');
      failWaiting(c);
      fail(c, cause, 'connection_failed');
    });
    return c._started;
  }

  /** Get a fresh session for the same conversation and hand the new token to the client. */
  refreshSession(): Promise<void> {
    return refreshToken(this.#c);
  }

  /** Send the patient's text (or a card action's value) to the bot. */
  send(text: string, extra: SendExtra = {}): void {
    send(this.#c, text, extra);
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
    retry(this.#c, key);
  }

  /** The patient's answer to the bot's location request: share it, or not now. */
  answerLocation(share: boolean): Promise<void> {
    return answerLocation(this.#c, share);
  }

  /**
   * The patient's words while a person has the chat (they go to the handoff server, not the
   * bot): the detectors still read them, so a red flag shows the emergency guidance at once.
   */
  inspectPatientWords(text: string): void {
    const activity = { type: 'message', text, textFormat: 'plain' };
    inspect(this.#c, { direction: 'outgoing', activity, locale: this.options.locale() });
  }

  /** A person joined: they have the guidance; a later red flag shows it again. */
  dismissEmergency(): void {
    if (this.#c._state.emergencyNumber) update(this.#c, { emergencyNumber: undefined });
  }

  confirmEscalation(accept: boolean): void {
    confirmEscalation(this.#c, accept);
  }

  escalate(reason: string | undefined, priority: Priority = 'routine'): void {
    hostEscalation(this.#c, reason, priority);
  }

  /** The browser's own network state (the `online`/`offline` events) wins over the link's. */
  setNetwork(online: boolean): void {
    const c = this.#c;
    c._networkDown = !online;
    setConnection(c, c._link);
  }

  /** The patient or the host ends the chat: forget the resume handle. */
  end(): void {
    clearResumeHandle(this.options.storage);
    this.#c._client?.end();
    this.dispose();
    setConnection(this.#c, 'ended');
  }

  dispose(): void {
    const c = this.#c;
    c._disposed = true;
    clearTimeout(c._typingTimer);
    clearTimeout(c._refreshTimer);
    for (const subscription of c._streamSubscriptions) subscription.unsubscribe();
    c._streamSubscriptions = [];
  }
}

import {
  type FallbackChoice,
  FRAME_EVENT,
  type HandoffRequest,
  Outbox,
  SeqInbox,
  type SurveyResponse,
  type TranscriptEntry,
} from '@baton/handoff-protocol';
import type { Socket } from 'socket.io-client';
import { newId as createId, MAX_MESSAGE_TEXT, patientFrame as patientMessage } from './frames';
import { patientSocket } from './patient-socket';
import {
  type Command,
  command,
  emit,
  forget,
  type HandoffSessionOptions,
  resume,
  type SessionCore,
  update,
} from './session-core';
import { receiveFrame, settled } from './session-inbound';
import { type HandoffState, initialHandoffState, TERMINAL_PHASES } from './state';
import { addPatientMessage, lastIncomingSeq, setDelivery } from './thread';

export type { HandoffSessionOptions } from './session-core';

const TYPING_REPEAT_MS = 3000;
const TYPING_IDLE_MS = 5000;
/** A hole in the seqs held this long means a lost frame: ask for a gap-fill `resume`. */
const GAP_MS = 1500;

/**
 * One handoff on the server's `/patient` namespace: sends `handoff.request`, keeps every
 * command in the protocol's `Outbox` until its `ack` (resent with the same `clientMessageId`,
 * which the server de-duplicates), and resumes from the highest contiguous `seq` it holds
 * (`SeqInbox`) after a reconnect, a `resync`, or a hole left open too long. The socket and
 * its reconnection are `patient-socket.ts`; frames from the server, `session-inbound.ts`.
 */
export class HandoffSession {
  readonly #s: SessionCore;
  #readSent = -1;
  #typingSentAt = 0;
  #typingTimer: ReturnType<typeof setTimeout> | undefined;
  #retryTimer: ReturnType<typeof setInterval>;

  constructor(options: HandoffSessionOptions, conversationId = createId()) {
    const timeout = options.ackTimeoutMs ?? 8000;
    // The socket is made once the state exists (its handlers act on it).
    const s = {
      _handoffState: initialHandoffState(conversationId),
      _listeners: new Set(),
      _sessionOptions: options,
      _inbox: new SeqInbox(),
      _outbox: new Outbox<Command>({
        ackTimeoutMs: timeout,
        // Nothing goes before the handoff request is committed: the server knows no conversation.
        transmit: (frame) =>
          s._socket.connected &&
          (s._requestAcked || frame.type === 'handoff.request') &&
          !!emit(s, frame),
        failed: (frame, code) => settled(s, frame, code),
      }),
    } as Omit<SessionCore, '_socket'> as SessionCore;
    this.#s = s;
    const socket = patientSocket(s, options);
    (s as { _socket: Socket })._socket = socket;
    socket.on(FRAME_EVENT, (input: unknown) => receiveFrame(s, input));
    this.#retryTimer = setInterval(
      () => {
        if (!socket.connected) return;
        s._outbox.tick();
        if (s._requestAcked && s._inbox.overdue(GAP_MS)) resume(s);
      },
      Math.min(1000, timeout / 2),
    );
  }

  get state(): HandoffState {
    return this.#s._handoffState;
  }

  /** The socket.io socket underneath (diagnostics, tests). */
  get socket(): Socket {
    return this.#s._socket;
  }

  get conversationId(): string {
    return this.#s._handoffState.conversationId;
  }

  subscribe(listener: (state: HandoffState) => void): () => void {
    const listeners = this.#s._listeners;
    listeners.add(listener);
    return () => listeners.delete(listener);
  }

  /**
   * Ask for a person. The transcript, reason and patient go in `request`; `fallback` (e.g. the
   * same request with a text-only transcript) is sent once if the server refuses `request` as
   * `invalid_message` or `frame_too_large`, so that escalation still reaches a person.
   */
  start(request: HandoffRequest, fallback?: HandoffRequest): void {
    this.#s._fallback = fallback;
    command(this.#s, 'handoff.request', { request });
    this.#s._socket.connect();
  }

  /** Continue a handoff after a page reload: the server replays its whole log. */
  /** `seenUpTo`: what the agent had read before the reload ("Seen" is not in the log). */
  resume(seenUpTo = -1): void {
    const s = this.#s;
    s._handoffState = { ...s._handoffState, agentReadUpTo: seenUpTo };
    s._requestAcked = true;
    s._socket.connect();
  }

  /**
   * A chat message to the agent; returns its client message id. A text over the protocol's
   * limit is shown as not sent and never leaves the page (the server would refuse it).
   */
  send(text: string): string {
    const s = this.#s;
    const clientMessageId = createId();
    update(s, addPatientMessage(s._handoffState, clientMessageId, text));
    if (text.length > MAX_MESSAGE_TEXT) {
      update(s, setDelivery(s._handoffState, clientMessageId, 'failed'));
      return clientMessageId;
    }
    this.typing(false);
    s._outbox.add(
      patientMessage('message', { conversationId: this.conversationId, clientMessageId, text }),
    );
    return clientMessageId;
  }

  /** A bot reply the patient saw after asking for a person: logged for the agent, in order. */
  appendBotEntry(entry: TranscriptEntry): void {
    command(this.#s, 'transcript.append', { entry });
  }

  /** The patient's token (files are fetched with it). */
  token(): Promise<string | undefined> {
    return this.#s._sessionOptions.getToken(false);
  }

  /** Resend a message shown as failed, with its original client message id. */
  retry(key: string): void {
    // Only a failed message offers a retry, and it is kept in the outbox until sent.
    update(this.#s, setDelivery(this.#s._handoffState, key, 'sending'));
    this.#s._outbox.retry(key);
  }

  /** The patient is typing (`true` on input, repeated at most every 3 s; idle ends it). */
  typing(active: boolean): void {
    clearTimeout(this.#typingTimer);
    const now = Date.now();
    if (this.#s._handoffState.phase !== 'assigned') return;
    if (active) {
      this.#typingTimer = setTimeout(() => this.typing(false), TYPING_IDLE_MS);
      if (now - this.#typingSentAt < TYPING_REPEAT_MS) return;
      this.#typingSentAt = now;
    } else {
      if (this.#typingSentAt === 0) return;
      this.#typingSentAt = 0;
    }
    emit(this.#s, patientMessage('typing', { conversationId: this.conversationId, active }));
  }

  /** Everything shown so far has been seen (the panel is open and visible). */
  markRead(): void {
    const s = this.#s;
    const upToSeq = lastIncomingSeq(s._handoffState);
    if (upToSeq <= this.#readSent || !s._socket.connected) return;
    this.#readSent = upToSeq;
    emit(s, patientMessage('read', { conversationId: this.conversationId, upToSeq }));
  }

  answerSurvey(response: SurveyResponse): void {
    const s = this.#s;
    const survey = s._handoffState.survey;
    if (!survey || survey.status === 'sending' || survey.status === 'done') return;
    update(s, { ...s._handoffState, survey: { value: survey.value, status: 'sending' } });
    command(s, 'survey.response', { response });
  }

  selectSlot(slotId: string): void {
    const s = this.#s;
    const offer = s._handoffState.appointment;
    if (!offer || offer.status === 'sending' || offer.status === 'done') return;
    update(s, {
      ...s._handoffState,
      appointment: { value: offer.value, status: 'sending', slotId },
    });
    command(s, 'appointment.select', { offerId: offer.value.offerId, slotId });
  }

  /** Cancel the booked appointment, or ask for other slots to move it to. */
  changeAppointment(type: 'appointment.cancel' | 'appointment.reschedule'): void {
    const s = this.#s;
    // Offered by the UI only for a booked appointment, with its buttons disabled while one is in flight.
    const appointmentId = s._handoffState.confirmed!.id;
    update(s, { ...s._handoffState, change: { value: type, status: 'sending' } });
    command(s, type, { appointmentId });
  }

  chooseFallback(choice: FallbackChoice): void {
    const s = this.#s;
    if (s._handoffState.fallback?.status === 'sending') return;
    update(s, { ...s._handoffState, fallback: { value: choice.option, status: 'sending' } });
    command(s, 'fallback.select', { choice });
  }

  /** The patient ends the chat with the person (or gives up waiting). */
  leave(): void {
    const s = this.#s;
    if (!TERMINAL_PHASES.has(s._handoffState.phase)) {
      emit(s, patientMessage('leave', { conversationId: this.conversationId }));
      // Shown at once: the server confirms with `handoff.ended` only when an agent had it.
      const ended = { endedBy: 'patient', reason: 'patient-left' };
      update(s, { ...s._handoffState, phase: 'ended', agentTyping: false, ended });
    }
    forget(s);
  }

  /** Stop the connection (page leaving, widget destroyed); the handle stays for a reload. */
  close(): void {
    const s = this.#s;
    s._closed = true;
    clearInterval(this.#retryTimer);
    clearTimeout(this.#typingTimer);
    s._socket.disconnect();
    s._listeners.clear();
  }
}

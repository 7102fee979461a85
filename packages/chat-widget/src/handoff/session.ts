import type {
  FallbackChoice,
  HandoffRequest,
  PatientToServer,
  SurveyResponse,
} from '@baton/handoff-protocol';
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import { newId as createId, MAX_MESSAGE_TEXT, patientFrame as patientMessage } from './frames';
import { readServerFrame } from './inbound';
import {
  acknowledge,
  addPatientMessage,
  applyServerFrame,
  type HandoffState,
  initialHandoffState,
  lastIncomingSeq,
  setDelivery,
  TERMINAL_PHASES,
} from './state';

/** The socket.io event every protocol frame travels on, both ways. */
export const FRAME_EVENT = 'frame';

export interface HandoffSessionOptions {
  /** The handoff server's origin, e.g. `https://chat.example.org`. */
  serverUrl: string;
  /** The handoff-server patient token; `refresh` asks the portal for a new one. */
  getToken(refresh: boolean): Promise<string | undefined>;
  /** Where the conversation stands, for resuming after a reload (null: forget it). */
  persist?(handle: { conversationId: string; lastSeq: number } | null): void;
  /** Resend a command with no `ack` after this long (default 8 s, doubling per attempt). */
  ackTimeoutMs?: number;
  /** Extra socket.io-client options (tests, proxies). */
  socket?: Partial<ManagerOptions & SocketOptions>;
}

type Command = Extract<PatientToServer, { clientMessageId: string }>;
interface Pending {
  frame: Command;
  sentAt: number;
  attempts: number;
  /** A message the server refused or never acknowledged: kept for a manual retry. */
  failed?: boolean;
}

type Settlement =
  | { type: 'ack'; clientMessageId: string; seq: number }
  | { type: 'error'; code: string; clientMessageId?: string };

const MAX_ATTEMPTS = 6;
const MAX_AUTH_RETRIES = 2;
const MAX_FIRST_CONNECT_FAILURES = 4;
const TYPING_REPEAT_MS = 3000;
const TYPING_IDLE_MS = 5000;
const RETRYABLE = new Set(['rate_limited', 'unavailable', 'timeout', 'internal']);

function settled<F extends { status: string; error?: string }>(form: F, error?: string): F {
  const { error: _previous, ...rest } = form;
  return { ...rest, status: error ? 'error' : 'done', ...(error ? { error } : {}) } as F;
}

/**
 * One handoff on the server's `/patient` namespace: sends `handoff.request`, keeps every
 * command until its `ack` (resending it with the same `clientMessageId`, which the server
 * de-duplicates), and after a reconnect asks for everything after the last `seq` it saw.
 */
export class HandoffSession {
  #state: HandoffState;
  readonly #listeners = new Set<(state: HandoffState) => void>();
  readonly #pending = new Map<string, Pending>();
  readonly #socket: Socket;
  readonly #options: HandoffSessionOptions;
  #requestAcked = false;
  /** Sent once instead of the request if the server refuses it as invalid. */
  #fallback: HandoffRequest | undefined;
  #connectedOnce = false;
  #connectFailures = 0;
  #authRetries = 0;
  #readSent = -1;
  #typingSentAt = 0;
  #typingTimer: ReturnType<typeof setTimeout> | undefined;
  #retryTimer: ReturnType<typeof setInterval> | undefined;
  #closed = false;

  constructor(options: HandoffSessionOptions, conversationId = createId()) {
    this.#options = options;
    this.#state = initialHandoffState(conversationId);
    let refresh = false;
    this.#socket = io(`${options.serverUrl.replace(/\/+$/, '')}/patient`, {
      transports: ['websocket', 'polling'],
      tryAllTransports: true,
      autoConnect: false,
      ...options.socket,
      auth: (callback) => {
        const fresh = refresh;
        refresh = false;
        options.getToken(fresh).then(
          (token) => callback({ token: token ?? '' }),
          () => callback({ token: '' }),
        );
      },
    });
    const socket = this.#socket;
    socket.on('connect', () => this.#onConnect());
    socket.on('disconnect', () => this.#update({ ...this.#state, link: 'reconnecting' }));
    socket.on('connect_error', (error: Error & { data?: { code?: string } }) => {
      const refused = !socket.active; // the server's middleware said no (a bad or old token)
      if (refused && this.#authRetries < MAX_AUTH_RETRIES) {
        this.#authRetries += 1;
        refresh = true;
        setTimeout(() => !this.#closed && socket.connect(), 200 * this.#authRetries);
        return;
      }
      this.#connectFailures += 1;
      if (
        refused ||
        (!this.#connectedOnce && this.#connectFailures >= MAX_FIRST_CONNECT_FAILURES)
      ) {
        this.#unavailable(error.data?.code === 'unauthorized' ? 'unauthorized' : 'unavailable');
      } else this.#update({ ...this.#state, link: 'reconnecting' });
    });
    socket.on(FRAME_EVENT, (input: unknown) => this.#onFrame(input));
    const timeout = options.ackTimeoutMs ?? 8000;
    this.#retryTimer = setInterval(() => this.#retry(timeout), Math.min(1000, timeout / 2));
  }

  get state(): HandoffState {
    return this.#state;
  }

  /** The socket.io socket underneath (diagnostics, tests). */
  get socket(): Socket {
    return this.#socket;
  }

  get conversationId(): string {
    return this.#state.conversationId;
  }

  subscribe(listener: (state: HandoffState) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Ask for a person. The transcript, reason and patient go in `request`; `fallback` (e.g. the
   * same request with a text-only transcript) is sent once if the server refuses `request` as
   * `invalid_message` or `frame_too_large`, so that escalation still reaches a person.
   */
  start(request: HandoffRequest, fallback?: HandoffRequest): void {
    this.#fallback = fallback;
    this.#request(request);
    this.#socket.connect();
  }

  #request(request: HandoffRequest): void {
    this.#command(
      patientMessage('handoff.request', {
        conversationId: this.conversationId,
        clientMessageId: createId(),
        request,
      }),
    );
  }

  /** Continue a handoff after a page reload: the server replays its whole log. */
  resume(): void {
    this.#requestAcked = true;
    this.#socket.connect();
  }

  /**
   * A chat message to the agent; returns its client message id. A text over the protocol's
   * limit is shown as not sent and never leaves the page (the server would refuse it).
   */
  send(text: string): string {
    const clientMessageId = createId();
    this.#update(addPatientMessage(this.#state, clientMessageId, text));
    if (text.length > MAX_MESSAGE_TEXT) {
      this.#update(setDelivery(this.#state, clientMessageId, 'failed'));
      return clientMessageId;
    }
    this.typing(false);
    this.#command(
      patientMessage('message', { conversationId: this.conversationId, clientMessageId, text }),
    );
    return clientMessageId;
  }

  /** Resend a message shown as failed, with its original client message id. */
  retry(key: string): void {
    const pending = this.#pending.get(key);
    if (!pending) return;
    pending.attempts = 0;
    pending.failed = false;
    this.#update(setDelivery(this.#state, key, 'sending'));
    this.#transmit(pending);
  }

  /** The patient is typing (`true` on input, repeated at most every 3 s; idle ends it). */
  typing(active: boolean): void {
    clearTimeout(this.#typingTimer);
    const now = Date.now();
    if (this.#state.phase !== 'assigned') return;
    if (active) {
      this.#typingTimer = setTimeout(() => this.typing(false), TYPING_IDLE_MS);
      if (now - this.#typingSentAt < TYPING_REPEAT_MS) return;
      this.#typingSentAt = now;
    } else {
      if (this.#typingSentAt === 0) return;
      this.#typingSentAt = 0;
    }
    this.#emit(patientMessage('typing', { conversationId: this.conversationId, active }));
  }

  /** Everything shown so far has been seen (the panel is open and visible). */
  markRead(): void {
    const upToSeq = lastIncomingSeq(this.#state);
    if (upToSeq <= this.#readSent || !this.#socket.connected) return;
    this.#readSent = upToSeq;
    this.#emit(patientMessage('read', { conversationId: this.conversationId, upToSeq }));
  }

  answerSurvey(response: SurveyResponse): void {
    const survey = this.#state.survey;
    if (!survey || survey.status === 'sending' || survey.status === 'done') return;
    this.#update({ ...this.#state, survey: { value: survey.value, status: 'sending' } });
    this.#command(
      patientMessage('survey.response', {
        conversationId: this.conversationId,
        clientMessageId: createId(),
        response,
      }),
    );
  }

  selectSlot(slotId: string): void {
    const offer = this.#state.appointment;
    if (!offer || offer.status === 'sending' || offer.status === 'done') return;
    this.#update({
      ...this.#state,
      appointment: { value: offer.value, status: 'sending', slotId },
    });
    this.#command(
      patientMessage('appointment.select', {
        conversationId: this.conversationId,
        clientMessageId: createId(),
        offerId: offer.value.offerId,
        slotId,
      }),
    );
  }

  chooseFallback(choice: FallbackChoice): void {
    if (this.#state.fallback?.status === 'sending') return;
    this.#update({ ...this.#state, fallback: { value: choice.option, status: 'sending' } });
    this.#command(
      patientMessage('fallback.select', {
        conversationId: this.conversationId,
        clientMessageId: createId(),
        choice,
      }),
    );
  }

  /** The patient ends the chat with the person (or gives up waiting). */
  leave(): void {
    if (!TERMINAL_PHASES.has(this.#state.phase)) {
      this.#emit(patientMessage('leave', { conversationId: this.conversationId }));
      // Shown at once: the server confirms with `handoff.ended` only when an agent had it.
      const ended = { endedBy: 'patient', reason: 'patient-left' };
      this.#update({ ...this.#state, phase: 'ended', agentTyping: false, ended });
    }
    this.#options.persist?.(null);
  }

  /** Stop the connection (page leaving, widget destroyed); the handle stays for a reload. */
  close(): void {
    this.#closed = true;
    clearInterval(this.#retryTimer);
    clearTimeout(this.#typingTimer);
    this.#socket.disconnect();
    this.#listeners.clear();
  }

  #onConnect(): void {
    this.#connectedOnce = true;
    this.#authRetries = 0;
    this.#connectFailures = 0;
    this.#update({ ...this.#state, link: 'online' });
    if (this.#requestAcked) {
      this.#emit(
        patientMessage('resume', {
          conversationId: this.conversationId,
          sinceSeq: Math.max(0, this.#state.lastSeq),
        }),
      );
    }
    // A refused message waits for the patient's retry: never resent on its own.
    for (const pending of this.#pending.values()) if (!pending.failed) this.#transmit(pending);
  }

  #onFrame(input: unknown): void {
    const frame = readServerFrame(input);
    if (!frame || (frame.conversationId && frame.conversationId !== this.conversationId)) return;
    if (frame.type === 'ack' || (frame.type === 'error' && frame.clientMessageId)) {
      this.#settle(frame);
      return;
    }
    if (frame.type === 'error') {
      // A refused resume: the conversation is gone or not this patient's.
      if (frame.code === 'not_found' || frame.code === 'forbidden') this.#unavailable(frame.code);
      return;
    }
    const before = this.#state;
    this.#update(applyServerFrame(before, frame));
    const after = this.#state;
    if (TERMINAL_PHASES.has(after.phase) && after.phase !== before.phase) {
      this.#options.persist?.(null);
    } else if (after.lastSeq !== before.lastSeq && !TERMINAL_PHASES.has(after.phase)) {
      this.#save();
    }
  }

  /** An `ack` or an `error` about one of our commands. */
  #settle(frame: Settlement): void {
    const key = frame.clientMessageId ?? '';
    const pending = this.#pending.get(key);
    if (!pending) {
      if (frame.type === 'ack') this.#update(acknowledge(this.#state, key, frame.seq));
      return;
    }
    const type = pending.frame.type;
    // Chat messages and the request are resent on a passing failure; a follow-up's refusal
    // (no free slot: `unavailable`) is the patient's to see and retry.
    const resend = type === 'message' || type === 'handoff.request';
    if (
      frame.type === 'error' &&
      resend &&
      RETRYABLE.has(frame.code) &&
      pending.attempts < MAX_ATTEMPTS
    ) {
      return; // kept: the retry timer sends it again
    }
    this.#pending.delete(key);
    if (pending.frame.type === 'message' && frame.type === 'error') {
      this.#pending.set(key, { ...pending, failed: true });
      this.#update(setDelivery(this.#state, key, 'failed'));
      return;
    }
    const error = frame.type === 'error' ? frame.code : undefined;
    const state = this.#state;
    switch (type) {
      case 'handoff.request': {
        if (error) {
          const fallback = this.#fallback;
          this.#fallback = undefined;
          if (fallback && /^(invalid_message|frame_too_large)$/.test(error))
            this.#request(fallback);
          else this.#unavailable(error);
          return;
        }
        const retried = this.#requestAcked || pending.attempts > 1;
        this.#requestAcked = true;
        this.#save();
        // A retried request may have been committed before: catch up on what we missed.
        if (retried) {
          this.#emit(
            patientMessage('resume', {
              conversationId: this.conversationId,
              sinceSeq: Math.max(0, state.lastSeq),
            }),
          );
        }
        return;
      }
      case 'message':
        if (frame.type === 'ack') this.#update(acknowledge(state, key, frame.seq));
        return;
      case 'survey.response':
        if (state.survey) this.#update({ ...state, survey: settled(state.survey, error) });
        return;
      case 'appointment.select':
        if (state.appointment) {
          this.#update({ ...state, appointment: settled(state.appointment, error) });
        }
        return;
      case 'fallback.select':
        if (state.fallback) this.#update({ ...state, fallback: settled(state.fallback, error) });
        return;
      default: {
        const never: never = type;
        void never;
      }
    }
  }

  #command(frame: Command): void {
    const pending: Pending = { frame, sentAt: 0, attempts: 0 };
    this.#pending.set(frame.clientMessageId, pending);
    if (this.#socket.connected) this.#transmit(pending);
  }

  #transmit(pending: Pending): void {
    if (!this.#socket.connected) return;
    // Nothing goes before the handoff request is committed: the server knows no conversation yet.
    if (pending.frame.type !== 'handoff.request' && !this.#requestAcked) return;
    pending.attempts += 1;
    pending.sentAt = Date.now();
    this.#emit(pending.frame);
  }

  #retry(timeout: number): void {
    if (!this.#socket.connected) return;
    const now = Date.now();
    for (const [key, pending] of this.#pending) {
      if (pending.failed) continue; // shown as not sent until the patient retries
      if (pending.attempts === 0) {
        this.#transmit(pending); // held back until the handoff request was acknowledged
        continue;
      }
      if (now < pending.sentAt + timeout * 2 ** (pending.attempts - 1)) continue;
      if (pending.attempts < MAX_ATTEMPTS) this.#transmit(pending);
      else this.#settle({ type: 'error', code: 'timeout', clientMessageId: key });
    }
  }

  #emit(frame: PatientToServer): void {
    this.#socket.emit(FRAME_EVENT, frame);
  }

  #save(): void {
    this.#options.persist?.({
      conversationId: this.conversationId,
      lastSeq: Math.max(0, this.#state.lastSeq),
    });
  }

  #unavailable(error: string): void {
    this.#update({ ...this.#state, phase: 'unavailable', error });
    this.#options.persist?.(null);
    this.#socket.disconnect();
  }

  #update(state: HandoffState): void {
    this.#state = state;
    for (const listener of [...this.#listeners]) listener(state);
  }
}

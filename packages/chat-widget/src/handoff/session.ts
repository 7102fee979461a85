import {
  type FallbackChoice,
  FRAME_EVENT,
  type HandoffRequest,
  isRetryLater,
  Outbox,
  type PatientToServer,
  SeqInbox,
  type SurveyResponse,
  type TranscriptEntry,
} from '@baton/handoff-protocol';
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import { newId as createId, MAX_MESSAGE_TEXT, patientFrame as patientMessage } from './frames';
import { readServerFrame } from './inbound';
import { applyServerFrame, type HandoffState, initialHandoffState, TERMINAL_PHASES } from './state';
import { acknowledge, addPatientMessage, lastIncomingSeq, setDelivery } from './thread';

export interface HandoffSessionOptions {
  /** The handoff server's origin, e.g. `https://chat.example.org`. */
  serverUrl: string;
  /** The handoff-server patient token; `refresh` asks the portal for a new one. */
  getToken(refresh: boolean): Promise<string | undefined>;
  /** Where the conversation stands, for resuming after a reload (null: forget it). */
  persist?(handle: { conversationId: string; lastSeq: number; seenUpTo: number } | null): void;
  /** Resend a command with no `ack` after this long (default 8 s, doubling per attempt). */
  ackTimeoutMs?: number;
  /** Extra socket.io-client options (tests, proxies). */
  socket?: Partial<ManagerOptions & SocketOptions>;
}

type Command = Extract<PatientToServer, { clientMessageId: string }>;

/** A command's own fields (`#command` adds the conversation and a client message id). */
type CommandFields<T extends Command['type']> = Omit<
  Extract<Command, { type: T }>,
  'v' | 'type' | 'id' | 'ts' | 'conversationId' | 'clientMessageId'
>;

type Settlement =
  | { type: 'ack'; clientMessageId: string; seq: number }
  | { type: 'error'; code: string; retryable: boolean; clientMessageId?: string };

const MAX_AUTH_RETRIES = 2;
const MAX_FIRST_CONNECT_FAILURES = 4;
const TYPING_REPEAT_MS = 3000;
const TYPING_IDLE_MS = 5000;
/** A hole in the seqs held this long means a lost frame: ask for a gap-fill `resume`. */
const GAP_MS = 1500;

/** The state field each follow-up command settles. */
const FOLLOW_UP_FORMS = {
  'survey.response': 'survey',
  'appointment.select': 'appointment',
  'fallback.select': 'fallback',
} as const;

function settled<F extends { status: string; error?: string }>(form: F, error?: string): F {
  const { error: _previous, ...rest } = form;
  return { ...rest, status: error ? 'error' : 'done', ...(error ? { error } : {}) } as F;
}

/**
 * One handoff on the server's `/patient` namespace: sends `handoff.request`, keeps every
 * command in the protocol's `Outbox` until its `ack` (resent with the same `clientMessageId`,
 * which the server de-duplicates), and resumes from the highest contiguous `seq` it holds
 * (`SeqInbox`) after a reconnect, a `resync`, or a hole left open too long.
 */
export class HandoffSession {
  #state: HandoffState;
  readonly #listeners = new Set<(state: HandoffState) => void>();
  readonly #outbox: Outbox<Command>;
  readonly #inbox = new SeqInbox();
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
  /** The server said `token_expired`: the disconnect that follows reconnects at once. */
  #tokenExpired = false;

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
    socket.on('disconnect', (reason) => {
      this.#update({ ...this.#state, link: 'reconnecting' });
      // The server cut the socket because the token expired: quietly back with a fresh one.
      if (reason === 'io server disconnect' && this.#tokenExpired && !this.#closed) {
        this.#tokenExpired = false;
        refresh = true;
        socket.connect();
      }
    });
    socket.on('connect_error', (error: Error & { data?: { code?: string } }) => {
      const refused = !socket.active; // the server's middleware said no (a bad or old token)
      // Too many connections of this patient (tabs, windows): said plainly, no token retry.
      if (error.data?.code === 'rate_limited') return this.#unavailable('rate_limited');
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
    this.#outbox = new Outbox<Command>({
      ackTimeoutMs: timeout,
      // Nothing goes before the handoff request is committed: the server knows no conversation.
      transmit: (frame) =>
        socket.connected &&
        (this.#requestAcked || frame.type === 'handoff.request') &&
        !!this.#emit(frame),
      failed: (frame, code) => this.#settled(frame, code),
    });
    this.#retryTimer = setInterval(
      () => {
        if (!socket.connected) return;
        this.#outbox.tick();
        if (this.#requestAcked && this.#inbox.overdue(GAP_MS)) this.#resume();
      },
      Math.min(1000, timeout / 2),
    );
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
    this.#command('handoff.request', { request });
  }

  /** Continue a handoff after a page reload: the server replays its whole log. */
  /** `seenUpTo`: what the agent had read before the reload ("Seen" is not in the log). */
  resume(seenUpTo = -1): void {
    this.#state = { ...this.#state, agentReadUpTo: seenUpTo };
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
    this.#outbox.add(
      patientMessage('message', { conversationId: this.conversationId, clientMessageId, text }),
    );
    return clientMessageId;
  }

  /** A bot reply the patient saw after asking for a person: logged for the agent, in order. */
  appendBotEntry(entry: TranscriptEntry): void {
    this.#command('transcript.append', { entry });
  }

  /** The patient's token (files are fetched with it). */
  token(): Promise<string | undefined> {
    return this.#options.getToken(false);
  }

  /** Resend a message shown as failed, with its original client message id. */
  retry(key: string): void {
    // Only a failed message offers a retry, and it is kept in the outbox until sent.
    this.#update(setDelivery(this.#state, key, 'sending'));
    this.#outbox.retry(key);
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
    this.#command('survey.response', { response });
  }

  selectSlot(slotId: string): void {
    const offer = this.#state.appointment;
    if (!offer || offer.status === 'sending' || offer.status === 'done') return;
    this.#update({
      ...this.#state,
      appointment: { value: offer.value, status: 'sending', slotId },
    });
    this.#command('appointment.select', { offerId: offer.value.offerId, slotId });
  }

  /** Cancel the booked appointment, or ask for other slots to move it to. */
  changeAppointment(type: 'appointment.cancel' | 'appointment.reschedule'): void {
    // Offered by the UI only for a booked appointment, with its buttons disabled while one is in flight.
    const appointmentId = this.#state.confirmed!.id;
    this.#update({ ...this.#state, change: { value: type, status: 'sending' } });
    this.#command(type, { appointmentId });
  }

  chooseFallback(choice: FallbackChoice): void {
    if (this.#state.fallback?.status === 'sending') return;
    this.#update({ ...this.#state, fallback: { value: choice.option, status: 'sending' } });
    this.#command('fallback.select', { choice });
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
    if (this.#requestAcked) this.#resume();
    this.#outbox.resend();
  }

  /** Everything after the highest contiguous seq held (a reconnect, `resync`, a gap). */
  #resume(): void {
    this.#emit(
      patientMessage('resume', {
        conversationId: this.conversationId,
        sinceSeq: this.#inbox.contiguous,
      }),
    );
  }

  #onFrame(input: unknown): void {
    const frame = readServerFrame(input);
    const id = frame && (frame as { conversationId?: string }).conversationId;
    if (!frame || (id && id !== this.conversationId)) return;
    const inbox = this.#inbox;
    const held = inbox.contiguous;
    const before = this.#state.phase;
    if (frame.type === 'resumed') inbox.close(frame.lastSeq); // the replay held all up to there
    switch (frame.type) {
      case 'ack':
        inbox.accept(frame.seq);
        this.#settle(frame);
        break;
      case 'error':
        if (frame.code === 'token_expired') this.#tokenExpired = true;
        else if (frame.clientMessageId) this.#settle(frame);
        // A refused resume: the conversation is gone or not this patient's.
        else if (frame.code === 'not_found' || frame.code === 'forbidden')
          this.#unavailable(frame.code);
        return;
      case 'resync':
        if (this.#requestAcked) this.#resume();
        return;
      case 'log.hidden':
        inbox.accept(frame.seq);
        break;
      default:
        if ('seq' in frame && !inbox.accept(frame.seq)) return; // held already
        this.#update(applyServerFrame(this.#state, frame));
    }
    const { phase, survey } = this.#state;
    // An unanswered end-of-chat survey keeps the handle: after a reload the log shows it again.
    if (survey?.status === 'open') this.#save();
    else if (TERMINAL_PHASES.has(phase)) {
      if (phase !== before) this.#options.persist?.(null);
    } else if (inbox.contiguous !== held || frame.type === 'read') this.#save();
  }

  /** An `ack` or an `error` about one of our commands. */
  #settle(frame: Settlement): void {
    const key = frame.clientMessageId ?? '';
    const outbox = this.#outbox;
    const entry = outbox.entries.get(key);
    if (!entry) {
      if (frame.type === 'ack') this.#update(acknowledge(this.#state, key, frame.seq));
      return;
    }
    const type = entry.frame.type;
    if (frame.type === 'ack') {
      outbox.settle(key);
      this.#settled(entry.frame, undefined, frame.seq, entry.attempts > 1);
      return;
    }
    // Chat messages and the request are resent on a passing failure (`unavailable` during a
    // store outage); a follow-up's refusal (no free slot: `unavailable`) is the patient's.
    const later = (type === 'message' || type === 'handoff.request') && isRetryLater(frame);
    if (outbox.refuse(key, later)) this.#settled(entry.frame, frame.code);
  }

  /** A command settled: acknowledged as `seq`, or given up on with `error`. */
  #settled(sent: Command, error?: string, seq = 0, retried = false): void {
    const key = sent.clientMessageId;
    const state = this.#state;
    if (sent.type === 'message') {
      // A failed message stays in the outbox, shown as not sent until the patient retries.
      this.#update(error ? setDelivery(state, key, 'failed') : acknowledge(state, key, seq));
      return;
    }
    this.#outbox.settle(key);
    if (sent.type === 'transcript.append') return; // nothing to show: the agent has it
    switch (sent.type) {
      case 'handoff.request': {
        if (error) {
          const fallback = this.#fallback;
          this.#fallback = undefined;
          if (fallback && /^(invalid_message|frame_too_large)$/.test(error))
            this.#request(fallback);
          else this.#unavailable(error);
          return;
        }
        retried ||= this.#requestAcked;
        this.#requestAcked = true;
        this.#save();
        this.#outbox.resend(); // what was held back behind the request
        // A retried request may have been committed before: catch up on what we missed.
        if (retried) this.#resume();
        return;
      }
      default: {
        // A follow-up form (survey, appointment slot, fallback choice): done, or its error.
        // `appointment.cancel` and `appointment.reschedule` settle the `change` form.
        const field =
          (FOLLOW_UP_FORMS as Partial<Record<string, 'survey' | 'appointment' | 'fallback'>>)[
            sent.type
          ] ?? 'change';
        const form = state[field];
        if (form) this.#update({ ...state, [field]: settled(form, error) });
        // The survey answered after the end: nothing is left to come back to.
        if (field === 'survey' && !error && TERMINAL_PHASES.has(state.phase))
          this.#options.persist?.(null);
      }
    }
  }

  /** A command kept in the outbox until its `ack`, under a new client message id. */
  #command<T extends Command['type']>(type: T, fields: CommandFields<T>): void {
    const frame = patientMessage(type, {
      conversationId: this.conversationId,
      clientMessageId: createId(),
      ...fields,
    } as never);
    this.#outbox.add(frame as Command);
  }

  #emit(frame: PatientToServer): Socket {
    return this.#socket.emit(FRAME_EVENT, frame);
  }

  #save(): void {
    this.#options.persist?.({
      conversationId: this.conversationId,
      lastSeq: this.#inbox.contiguous,
      seenUpTo: this.#state.agentReadUpTo,
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

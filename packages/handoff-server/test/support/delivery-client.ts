import {
  agentMessage,
  isRetryLater,
  Outbox,
  patientMessage,
  SeqInbox,
  type ServerToAgent,
  type ServerToPatient,
} from '@baton/handoff-protocol';
import { io, type Socket } from 'socket.io-client';

type Side = 'patient' | 'agent';
type Chat = { clientMessageId: string; conversationId: string; text: string };
/** Every seq the client held when it asked to resume from `sinceSeq`. */
export interface ResumeRecord {
  sinceSeq: number;
  held: Set<number>;
}

/**
 * A bare protocol client on the protocol's delivery core, as the widget and the console use
 * it: chat messages through an `Outbox` (same `clientMessageId` until acked), received log
 * records through a `SeqInbox` (resume from the contiguous seq; gap-fill; `resync`;
 * `log.hidden`). It keeps the chat log it ends up showing, by seq.
 */
export class DeliveryClient {
  readonly socket: Socket;
  readonly inbox = new SeqInbox();
  readonly outbox: Outbox<Chat & { type: 'message' }>;
  /** The chat log this client shows: seq → text. */
  readonly log = new Map<number, string>();
  /** Chat records that came below the resume point without having been shown: a gap that
   * was skipped over (must stay 0). */
  skipped = 0;
  readonly resumes: ResumeRecord[] = [];
  readonly acked = new Map<string, number>();
  resyncs = 0;
  /** Agent: the conversation was assigned to this client's agent. */
  assigned = false;
  /** Errors about no command of the outbox (a refused claim, say). */
  refusals = 0;
  #started = false;
  readonly #timer: ReturnType<typeof setInterval>;

  constructor(
    url: string,
    token: string,
    readonly side: Side,
    readonly conversationId: string,
  ) {
    this.socket = io(`${url}/${side}`, {
      transports: ['websocket'],
      auth: { token },
      reconnectionDelay: 50,
      reconnectionDelayMax: 200,
    });
    this.outbox = new Outbox({
      ackTimeoutMs: 1000,
      transmit: (frame) => this.socket.connected && !!this.socket.emit('frame', this.#wire(frame)),
      failed: () => undefined,
    });
    this.socket.on('connect', () => {
      if (this.#started) this.resume();
      this.outbox.resend();
    });
    this.socket.on('frame', (frame: ServerToPatient | ServerToAgent) => this.#receive(frame));
    this.#timer = setInterval(() => {
      if (!this.socket.connected) return;
      this.outbox.tick();
      if (this.#started && this.inbox.overdue(300)) this.resume();
    }, 100);
  }

  /** From now on, reconnects and holes resume the conversation. */
  follow(): void {
    this.#started = true;
  }

  send(clientMessageId: string, text: string): void {
    this.outbox.add({
      type: 'message',
      conversationId: this.conversationId,
      clientMessageId,
      text,
    });
  }

  resume(): void {
    const sinceSeq = this.inbox.contiguous;
    this.resumes.push({ sinceSeq, held: new Set(this.log.keys()) });
    const conversationId = this.conversationId;
    this.socket.emit(
      'frame',
      this.side === 'patient'
        ? patientMessage('resume', { conversationId, sinceSeq })
        : agentMessage('conversation.open', { conversationId, sinceSeq }),
    );
  }

  close(): void {
    clearInterval(this.#timer);
    this.socket.close();
  }

  #wire(frame: Chat & { type: 'message' }) {
    const { type: _type, ...fields } = frame;
    return this.side === 'patient'
      ? patientMessage('message', fields)
      : agentMessage('message', fields);
  }

  #chat(seq: number, text: string): void {
    if (this.inbox.accept(seq)) this.log.set(seq, text);
    else if (!this.log.has(seq)) this.skipped += 1;
  }

  #receive(frame: ServerToPatient | ServerToAgent): void {
    if ('conversationId' in frame && frame.conversationId !== this.conversationId) {
      if (frame.type !== 'error') return;
    }
    switch (frame.type) {
      case 'ack': {
        const sent = this.outbox.settle(frame.clientMessageId);
        this.acked.set(frame.clientMessageId, frame.seq);
        if (sent) this.#chat(frame.seq, sent.text);
        else this.inbox.accept(frame.seq);
        return;
      }
      case 'error':
        if (frame.clientMessageId) this.outbox.refuse(frame.clientMessageId, isRetryLater(frame));
        else this.refusals += 1;
        return;
      case 'conversation.assigned':
        this.assigned = true;
        this.inbox.accept(frame.seq);
        return;
      case 'resync':
        this.resyncs += 1;
        this.resume();
        return;
      case 'message':
        this.#chat(frame.seq, frame.text);
        return;
      case 'resumed':
        this.inbox.close(frame.lastSeq);
        return;
      case 'conversation.transcript':
        for (const entry of frame.log) {
          if (entry.kind === 'message') this.#chat(entry.seq, entry.text ?? '');
          else this.inbox.accept(entry.seq);
        }
        this.inbox.close(frame.lastSeq);
        return;
      default:
        if ('seq' in frame && typeof frame.seq === 'number') this.inbox.accept(frame.seq);
    }
  }
}

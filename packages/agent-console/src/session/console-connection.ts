import {
  type AgentPresence,
  type AgentToServer,
  agentMessage,
  type ErrorCode,
  isRetryLater,
  Outbox,
  parseServerToAgent,
  type ServerToAgent,
} from '@baton/handoff-protocol';
import { AgentConsoleError } from '../errors';
import { AgentSocket, type ConsoleSessionOptions } from './agent-socket';
import { followAssignment } from './assignments';
import { ConsoleAttachments } from './attachments';
import { type ConsoleState, initialState, isClosed } from './console-state';
import { applyConsultFrame } from './consult-live';
import { ConsultRequests } from './consults';
import { ContentCatalog } from './content';
import { markFailed, patchConversation } from './conversation-items';
import { applyDrillInFrame, isDrillInFrame } from './drill-in';
import { ConversationInboxes } from './inboxes';
import { subscriptionsFor, withServerProfile } from './profile-refresh';
import { applyRefusal, SentFrames } from './refusals';
import { type PendingFrame, type SessionPort, sessionPort } from './session-port';
import { fetchTranscriptExport, staffFetch } from './sign-in';
import { hasRole, readStaffProfile } from './staff-profile';
import { applyServerFrame } from './state';
import { FollowUpRequests } from './worklist';

export type ConsoleListener = (state: ConsoleState) => void;

/**
 * One signed-in agent or supervisor on the `/agent` namespace: holds the desk state, sends
 * protocol frames, keeps logged commands in the protocol's `Outbox` until acknowledged
 * (resent with the same `clientMessageId`), and resumes each open conversation from the
 * highest contiguous `seq` it holds (`SeqInbox`) on reconnect, `resync`, or a lasting hole.
 */
export class ConsoleConnection {
  /** Canned responses, scripts, articles and macros from the server (`content.list`). */
  readonly content = new ContentCatalog();
  /** Files shared in conversations: upload and share, open (see `attachments.ts`). */
  readonly attachments: ConsoleAttachments;
  #state: ConsoleState;
  readonly #listeners = new Set<ConsoleListener>();
  readonly #socket: AgentSocket;
  readonly #options: ConsoleSessionOptions;
  readonly #outbox: Outbox<PendingFrame>;
  readonly #inboxes = new ConversationInboxes();
  readonly #sent = new SentFrames();
  /** What the feature modules use: the state and the two ways to send. */
  protected readonly port: SessionPort = sessionPort(() => this.#state, {
    set: (next) => this.#set(next),
    send: (frame) => this.#send(frame),
    sendPending: (frame) => this.#sendPending(frame),
  });
  protected readonly consults = new ConsultRequests(this.port);
  protected readonly followUps = new FollowUpRequests(this.port);
  #presenceChosen = false;
  /** A `staff.profile` came before: a later different one is noticed. */
  #profileSeen = false;
  /** Claims sent from this console: their assignment switches the view to them. */
  readonly #claimed = new Set<string>();
  #retryTimer: ReturnType<typeof setInterval> | undefined;
  #closed = false;

  constructor(token: string, options: ConsoleSessionOptions) {
    this.#options = options;
    this.#state = initialState(readStaffProfile(token));
    this.attachments = new ConsoleAttachments({
      serverUrl: options.serverUrl,
      send: (frame) => this.#send(frame),
      sendPending: (frame) => this.#sendPending(frame),
      staffFetch: (path, init) => this.staffFetch(path, init),
    });
    this.#socket = new AgentSocket(token, options, {
      connected: () => this.#onConnect(),
      status: (connection) => this.#set({ ...this.#state, connection }),
      frame: (input) => this.#receive(input),
    });
    const ackTimeout = options.ackTimeoutMs ?? 10_000;
    this.#outbox = new Outbox<PendingFrame>({
      ackTimeoutMs: ackTimeout,
      transmit: (frame) => this.#send(frame),
      failed: (frame, code) => {
        this.#outbox.settle(frame.clientMessageId);
        this.#set(
          markFailed(this.#state, frame.conversationId, frame.clientMessageId, code as ErrorCode),
        );
      },
    });
    this.#retryTimer = setInterval(() => this.#tick(), Math.min(ackTimeout / 2, 1000));
  }

  get state(): ConsoleState {
    return this.#state;
  }

  /** The handoff server's base URL, for the console's HTTP calls. */
  get serverUrl(): string {
    return this.#options.serverUrl.replace(/\/+$/, '');
  }

  /** The current staff token (memory only), for authenticated HTTP calls. */
  get token(): string {
    return this.#socket.token;
  }

  subscribe(listener: ConsoleListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Connects; resolves on the first connection, rejects if the server refuses the token. */
  connect(timeoutMs = 15_000): Promise<void> {
    if (this.#closed) return Promise.reject(new AgentConsoleError('closed'));
    return this.#socket.connect(timeoutMs);
  }

  setPresence(presence: AgentPresence): void {
    this.#presenceChosen = true;
    this.#set({ ...this.#state, presence });
    this.#send(agentMessage('presence', { presence }));
  }

  claim(conversationId: string): void {
    this.#claimed.add(conversationId);
    this.#send(agentMessage('conversation.claim', { conversationId }));
  }

  /** Shows a conversation; its lines count as read. */
  select(conversationId: string | null): void {
    if (conversationId === null) {
      this.#set({ ...this.#state, activeConversationId: null });
      return;
    }
    const next = patchConversation(this.#state, conversationId, { unread: 0 });
    this.#set({ ...next, activeConversationId: conversationId });
  }

  dismissNotice(id: string): void {
    this.#set({ ...this.#state, notices: this.#state.notices.filter((n) => n.id !== id) });
  }

  /**
   * A staff API request on this server (`/api/analytics`, `/api/admin/…`) with this session's
   * token as bearer; the caller reads the response. Network failures are `connection_failed`.
   */
  staffFetch(path: string, init: RequestInit = {}): Promise<Response> {
    return staffFetch(this.#options.serverUrl, this.#socket.token, path, init);
  }

  /** The audited transcript export (`GET /api/conversations/:id/transcript`). */
  exportTranscript(conversationId: string): Promise<unknown> {
    return fetchTranscriptExport(this.#options.serverUrl, conversationId, this.#socket.token);
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#retryTimer);
    this.#socket.close();
    this.#listeners.clear();
    this.#outbox.entries.clear();
    this.attachments.clear();
  }

  // Internals

  #set(next: ConsoleState): void {
    if (next === this.#state) return;
    this.#state = next;
    for (const listener of this.#listeners) listener(next);
  }

  /** Puts a frame on the wire (false when offline: it is not queued). */
  #send(frame: AgentToServer): boolean {
    this.#sent.record(frame);
    return this.#socket.emit(frame);
  }

  /** Logged commands wait for their `ack`; resent with the same `clientMessageId` until then. */
  #sendPending(frame: PendingFrame): void {
    this.#outbox.add(frame);
  }

  #tick(): void {
    if (!this.#socket.connected) return;
    this.#outbox.tick();
    for (const view of this.#state.conversations) {
      if (!isClosed(view) && this.#inboxes.overdue(view.conversationId)) {
        this.#reopen(view.conversationId);
      }
    }
  }

  /** Asks for a conversation's log after the highest contiguous seq held (rejoins its room). */
  #reopen(conversationId: string): void {
    const sinceSeq = this.#inboxes.resumePoint(conversationId);
    this.#send(agentMessage('conversation.open', { conversationId, sinceSeq }));
  }

  /** Resume every conversation still ours from its contiguous seq. */
  #resumeAll(): void {
    for (const view of this.#state.conversations) {
      if (!isClosed(view)) this.#reopen(view.conversationId);
    }
  }

  #onConnect(): void {
    this.content.reset();
    // The server says who she is first (`staff.profile`); what to subscribe follows from it.
    this.#set({ ...this.#state, connection: 'connected' });
  }

  /** Her roles and queues as the server enforces them: the views and subscriptions follow. */
  #onProfile(frame: Extract<ServerToAgent, { type: 'staff.profile' }>): void {
    this.#set(withServerProfile(this.#state, frame, this.#profileSeen));
    this.#profileSeen = true;
    const { profile } = this.#state;
    for (const message of subscriptionsFor(profile)) this.#send(message);
    const isAgent = hasRole(profile, 'agent');
    if (isAgent && hasRole(profile, 'supervisor') && !this.#presenceChosen) {
      // A supervisor watches first: she takes chats once she says she is available.
      this.#presenceChosen = true;
      this.#set({ ...this.#state, presence: 'away' });
    }
    if (isAgent && this.#presenceChosen)
      this.#send(agentMessage('presence', { presence: this.#state.presence }));
    this.#resumeAll();
    const watched = this.#state.drillIn?.conversationId;
    if (watched)
      this.#send(agentMessage('conversation.open', { conversationId: watched, sinceSeq: 0 }));
    this.#outbox.resend();
  }

  #receive(input: unknown): void {
    const parsed = parseServerToAgent(input);
    if (!parsed.ok) return;
    const frame = parsed.message;
    if (frame.type === 'error') {
      if (frame.code === 'token_expired') this.#socket.tokenExpired();
      else this.#refused(frame);
      return;
    }
    if (frame.type === 'resync') {
      this.#resumeAll();
      return;
    }
    if (frame.type === 'staff.profile') {
      this.#onProfile(frame);
      return;
    }
    if (frame.type === 'attachment.grant') {
      this.attachments.granted(frame);
      return;
    }
    if (frame.type === 'content.items' || frame.type === 'content.changed') {
      this.content.apply(frame);
      return;
    }
    if (frame.type === 'conversation.transcript') {
      // Asked for by a consultation or a follow-up: read-only, not one this console holds.
      if (this.consults.transcript(frame) || this.followUps.transcript(frame)) return;
    }
    if (isDrillInFrame(this.#state, frame)) {
      if (frame.type === 'ack') this.#outbox.settle(frame.clientMessageId);
      this.#set(applyDrillInFrame(this.#state, frame));
      return;
    }
    // A conversation she was consulted about and opened: followed live, read-only.
    const consulted = applyConsultFrame(this.#state, frame);
    if (consulted) {
      this.#set(consulted);
      return;
    }
    this.#inboxes.track(frame);
    if (frame.type === 'ack') this.#outbox.settle(frame.clientMessageId);
    const before = this.#state;
    this.#set(applyServerFrame(before, frame));
    const select = (conversationId: string) => this.select(conversationId);
    followAssignment(this.port, this.#claimed, select, before, frame);
  }

  #refused(frame: Extract<ServerToAgent, { type: 'error' }>): void {
    if (this.attachments.refused(frame)) return;
    const refusal = this.#sent.refusal(frame);
    const { action, clientMessageId, conversationId } = refusal;
    if (clientMessageId && this.#outbox.entries.has(clientMessageId)) {
      // `unavailable` (a store outage) and other retryable codes: left pending, resent later.
      if (!this.#outbox.refuse(clientMessageId, isRetryLater(frame))) return;
      this.#outbox.settle(clientMessageId);
      if (conversationId && (action === 'message' || action === 'note')) {
        this.#set(markFailed(this.#state, conversationId, clientMessageId, frame.code));
        return;
      }
    }
    if (action === 'conversation.claim' && conversationId) this.#claimed.delete(conversationId);
    this.#set(applyRefusal(this.#state, frame, refusal));
  }
}

import {
  type AgentPresence,
  type AgentToServer,
  type AppointmentOffer,
  agentMessage,
  type CallOffer,
  type ContentDraft,
  createId,
  type EndReason,
  type ErrorCode,
  FRAME_EVENT,
  isRetryLater,
  Outbox,
  parseServerToAgent,
  type ServerToAgent,
  type Survey,
  type TextFormat,
  type TransferTarget,
  type WrapUp,
} from '@baton/handoff-protocol';
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import { AgentConsoleError } from '../errors';
import { newlyAssigned } from './assignments';
import { ConsoleAttachments } from './attachments';
import { markConsultSeen, withConsultTranscript } from './chat-actions-state';
import { ContentCatalog } from './content';
import { addOutgoing, markFailed, patchConversation } from './conversation-items';
import { applyDrillInFrame, isDrillInFrame } from './drill-in';
import { closeHistoryTranscript } from './history';
import { ConversationInboxes } from './inboxes';
import { fetchTranscriptExport } from './sign-in';
import { hasRole, readStaffProfile } from './staff-profile';
import {
  applyServerFrame,
  type ConsoleNotice,
  type ConsoleState,
  initialState,
  isClosed,
} from './state';
import { withFollowUpTranscript } from './worklist-state';

export { FRAME_EVENT } from '@baton/handoff-protocol';

export interface ConsoleSessionOptions {
  /** Origin of the handoff server, e.g. `https://chat.example.org`. */
  serverUrl: string;
  /** A staff token; called again on every reconnect, so it may refresh. Kept in memory only. */
  getToken: () => string | Promise<string>;
  /** Resend a message or note that has no `ack` after this long (default 10 s). */
  ackTimeoutMs?: number;
  /** Extra socket.io-client options (tests: transports, reconnection delays). */
  socket?: Partial<ManagerOptions & SocketOptions>;
}

type Pending = Extract<AgentToServer, { clientMessageId: string }>;

interface SentRecord {
  type: AgentToServer['type'];
  conversationId?: string;
  clientMessageId?: string;
}

const MAX_SENT_RECORDS = 500;
const TYPING_REPEAT_MS = 3000;

export type ConsoleListener = (state: ConsoleState) => void;

/**
 * One signed-in agent or supervisor on the `/agent` namespace: holds the desk state, sends
 * protocol frames, keeps logged commands in the protocol's `Outbox` until acknowledged
 * (resent with the same `clientMessageId`), and resumes each open conversation from the
 * highest contiguous `seq` it holds (`SeqInbox`) on reconnect, `resync`, or a lasting hole.
 */
export class ConsoleSession {
  /** Canned responses, scripts, articles and macros from the server (`content.list`). */
  readonly content = new ContentCatalog();
  /** Files shared in conversations: upload and share, open (see `attachments.ts`). */
  readonly attachments: ConsoleAttachments;
  #state: ConsoleState;
  readonly #listeners = new Set<ConsoleListener>();
  readonly #socket: Socket;
  readonly #options: ConsoleSessionOptions;
  /** Conversations asked for through `followup.open`: their transcript goes to the worklist. */
  readonly #followUpOpens = new Set<string>();
  /** Conversations asked for through `consult.open`: read-only, kept with the consultation. */
  readonly #consultOpens = new Set<string>();
  readonly #outbox: Outbox<Pending>;
  readonly #inboxes = new ConversationInboxes();
  readonly #sent = new Map<string, SentRecord>();
  readonly #typing = new Map<string, { active: boolean; at: number }>();
  #token: string;
  #presenceChosen = false;
  /** Claims sent from this console: their assignment switches the view to them. */
  readonly #claimed = new Set<string>();
  #retryTimer: ReturnType<typeof setInterval> | undefined;
  #closed = false;
  /** The server said `token_expired`: the disconnect that follows reconnects at once. */
  #tokenExpired = false;

  constructor(token: string, options: ConsoleSessionOptions) {
    this.#token = token;
    this.#options = options;
    this.#state = initialState(readStaffProfile(token));
    this.attachments = new ConsoleAttachments({
      serverUrl: options.serverUrl,
      send: (frame) => this.#send(frame),
      sendPending: (frame) => this.#sendPending(frame),
      staffFetch: (path, init) => this.staffFetch(path, init),
    });
    const base = options.serverUrl.replace(/\/+$/, '');
    this.#socket = io(`${base}/agent`, {
      transports: ['websocket'],
      ...options.socket,
      autoConnect: false,
      auth: (callback) => {
        Promise.resolve(options.getToken()).then(
          (fresh) => {
            this.#token = fresh;
            callback({ token: fresh });
          },
          () => callback({ token: this.#token }),
        );
      },
    });
    this.#socket.on('connect', () => this.#onConnect());
    this.#socket.on('disconnect', (reason) => {
      // The token expired: back at once with a fresh one from `getToken` (the cookie session).
      const renew = reason === 'io server disconnect' && this.#tokenExpired && !this.#closed;
      this.#tokenExpired = false;
      this.#set({
        ...this.#state,
        connection: this.#socket.active || renew ? 'reconnecting' : 'disconnected',
      });
      if (renew) this.#socket.connect();
    });
    this.#socket.on('connect_error', () => {
      if (!this.#socket.active) this.#set({ ...this.#state, connection: 'unauthorized' });
      else this.#set({ ...this.#state, connection: 'reconnecting' });
    });
    this.#socket.on(FRAME_EVENT, (input: unknown) => this.#receive(input));
    const ackTimeout = options.ackTimeoutMs ?? 10_000;
    this.#outbox = new Outbox<Pending>({
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
    return this.#token;
  }

  subscribe(listener: ConsoleListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Connects; resolves on the first connection, rejects if the server refuses the token. */
  connect(timeoutMs = 15_000): Promise<void> {
    if (this.#closed) return Promise.reject(new AgentConsoleError('closed'));
    return new Promise((resolve, reject) => {
      const done = (error?: unknown) => {
        clearTimeout(timer);
        this.#socket.off('connect', onConnect);
        this.#socket.off('connect_error', onError);
        if (error === undefined) resolve();
        else reject(new AgentConsoleError('connection_failed', { cause: error }));
      };
      const onConnect = () => done();
      const onError = (error: Error) => {
        if (!this.#socket.active) done(error);
      };
      const timer = setTimeout(() => done(new Error('timeout')), timeoutMs);
      this.#socket.on('connect', onConnect);
      this.#socket.on('connect_error', onError);
      this.#socket.connect();
    });
  }

  // Agent commands

  setPresence(presence: AgentPresence): void {
    this.#presenceChosen = true;
    this.#set({ ...this.#state, presence });
    this.#send(agentMessage('presence', { presence }));
  }

  claim(conversationId: string): void {
    this.#claimed.add(conversationId);
    this.#send(agentMessage('conversation.claim', { conversationId }));
  }

  /** Shows a conversation; with `reload`, asks the server for its log since the last `seq`. */
  select(conversationId: string | null): void {
    if (conversationId === null) {
      this.#set({ ...this.#state, activeConversationId: null });
      return;
    }
    const next = patchConversation(this.#state, conversationId, { unread: 0 });
    this.#set({ ...next, activeConversationId: conversationId });
  }

  /** Sends a chat message; returns its `clientMessageId`. */
  sendMessage(conversationId: string, text: string, textFormat?: TextFormat): string {
    const clientMessageId = createId();
    const frame = agentMessage('message', {
      conversationId,
      clientMessageId,
      text,
      ...(textFormat ? { textFormat } : {}),
    });
    this.#set(
      addOutgoing(
        this.#state,
        conversationId,
        'message',
        clientMessageId,
        text,
        frame.ts,
        textFormat,
      ),
    );
    this.#sendPending(frame);
    this.setTyping(conversationId, false);
    return clientMessageId;
  }

  /** An internal note: stored and shown to staff, never sent to the patient. */
  addNote(conversationId: string, text: string): string {
    const clientMessageId = createId();
    const frame = agentMessage('note', { conversationId, clientMessageId, text });
    this.#set(addOutgoing(this.#state, conversationId, 'note', clientMessageId, text, frame.ts));
    this.#sendPending(frame);
    return clientMessageId;
  }

  /** Typing indicator: repeated at most every 3 s while active; sent once when it stops. */
  setTyping(conversationId: string, active: boolean): void {
    const last = this.#typing.get(conversationId);
    const now = Date.now();
    if (active && last?.active && now - last.at < TYPING_REPEAT_MS) return;
    if (!active && !last?.active) return;
    this.#typing.set(conversationId, { active, at: now });
    this.#send(agentMessage('typing', { conversationId, active }));
  }

  /** Read receipt for every patient message shown so far. */
  markRead(conversationId: string): void {
    const view = this.#state.conversations.find((c) => c.conversationId === conversationId);
    if (!view || isClosed(view)) return;
    let upToSeq = 0;
    for (const item of view.items)
      if (item.from === 'patient' && item.seq !== undefined) upToSeq = Math.max(upToSeq, item.seq);
    if (upToSeq <= view.readSentUpToSeq) return;
    this.#set(patchConversation(this.#state, conversationId, { readSentUpToSeq: upToSeq }));
    this.#send(agentMessage('read', { conversationId, upToSeq }));
  }

  transfer(conversationId: string, target: TransferTarget, note?: string): void {
    this.#send(
      agentMessage('conversation.transfer', {
        conversationId,
        target,
        ...(note ? { note } : {}),
      }),
    );
  }

  end(conversationId: string, reason: EndReason = 'resolved'): void {
    this.#send(agentMessage('conversation.end', { conversationId, reason }));
  }

  returnToBot(conversationId: string): void {
    this.#send(agentMessage('conversation.return_to_bot', { conversationId }));
  }

  offerSurvey(conversationId: string, survey: Survey): void {
    this.#sendPending(
      agentMessage('survey.offer', { conversationId, clientMessageId: createId(), survey }),
    );
  }

  offerAppointment(conversationId: string, offer: AppointmentOffer): void {
    this.#sendPending(
      agentMessage('appointment.offer', { conversationId, clientMessageId: createId(), offer }),
    );
  }

  offerCall(conversationId: string, call: CallOffer): void {
    this.#sendPending(
      agentMessage('call.offer', { conversationId, clientMessageId: createId(), call }),
    );
  }

  /** Asks what may be done in a conversation (answered with `actions.available`). */
  listActions(conversationId: string): void {
    this.#send(agentMessage('actions.list', { conversationId }));
  }

  /** Records the disposition and summary of a conversation (before or after it ends). */
  wrapUp(conversationId: string, wrapUp: WrapUp): void {
    this.#send(agentMessage('conversation.wrap_up', { conversationId, wrapUp }));
  }

  /** Asks a colleague about this conversation in a staff-only thread. */
  consult(conversationId: string, agentId: string, text: string): void {
    this.#send(agentMessage('consult.request', { conversationId, agentId, text }));
  }

  /** The consulted agent reads the conversation (read-only, audited). */
  openConsult(conversationId: string): void {
    this.#consultOpens.add(conversationId);
    this.#send(agentMessage('consult.open', { conversationId }));
  }

  sendConsultMessage(conversationId: string, consultantId: string, text: string): void {
    this.#send(
      agentMessage('consult.message', {
        conversationId,
        consultantId,
        clientMessageId: createId(),
        text,
      }),
    );
  }

  /** A consultation thread is in view: its lines count as seen. */
  seeConsult(conversationId: string, consultantId: string): void {
    this.#set({
      ...this.#state,
      chat: markConsultSeen(this.#state.chat, conversationId, consultantId),
    });
  }

  /** Removes a closed conversation's tab. */
  dismiss(conversationId: string): void {
    const conversations = this.#state.conversations.filter(
      (c) => c.conversationId !== conversationId,
    );
    const active =
      this.#state.activeConversationId === conversationId
        ? (conversations[0]?.conversationId ?? null)
        : this.#state.activeConversationId;
    this.#set({ ...this.#state, conversations, activeConversationId: active });
  }

  /** The patient's earlier conversations (answered with `patient.history`). */
  requestHistory(conversationId: string): void {
    this.#send(agentMessage('patient.history', { conversationId }));
  }

  /** Open one earlier conversation read-only (audited on the server as `history.view`). */
  openHistory(conversationId: string, pastConversationId: string): void {
    this.#send(agentMessage('patient.history.open', { conversationId, pastConversationId }));
  }

  closeHistory(): void {
    const history = this.#state.history;
    if (history) this.#set({ ...this.#state, history: closeHistoryTranscript(history) });
  }

  /** Take a follow-up item (one agent wins; the others get a notice). */
  claimFollowUp(itemId: string): void {
    this.#send(agentMessage('followup.claim', { itemId }));
  }

  /** Close a follow-up item this person holds, saying what was done. */
  closeFollowUp(itemId: string, note: string): void {
    this.#send(agentMessage('followup.close', { itemId, note }));
  }

  /** Read the conversation behind a follow-up item (kept apart from one's conversations). */
  openFollowUp(itemId: string, conversationId: string): void {
    this.#followUpOpens.add(conversationId);
    this.#send(agentMessage('followup.open', { itemId }));
  }

  /** Asks for the content of a conversation's queue (answered into `content`). */
  loadConversationContent(conversationId: string): void {
    const frame = agentMessage('content.list', { conversationId });
    this.content.expect(frame.id, { kind: 'conversation', conversationId });
    this.#send(frame);
  }

  /** Admins: every item, retired ones too. */
  loadAllContent(): void {
    const frame = agentMessage('content.list', { includeRetired: true });
    this.content.expect(frame.id, { kind: 'admin' });
    this.#send(frame);
  }

  /** Admins: create (no `id`) or edit an item; the server answers every console. */
  saveContent(draft: ContentDraft): void {
    this.#send(agentMessage('content.save', { draft }));
  }

  /** Admins: retire (hide from agents) or restore an item. */
  retireContent(itemId: string, retired: boolean): void {
    this.#send(agentMessage('content.retire', { itemId, retired }));
  }

  /** Supervisors: open any live conversation read-only (audited by the server). */
  drillIn(conversationId: string): void {
    if (this.#state.drillIn?.conversationId !== conversationId) this.closeDrillIn();
    this.#set({ ...this.#state, drillIn: { conversationId, view: null, barged: false } });
    this.#send(agentMessage('conversation.open', { conversationId, sinceSeq: 0 }));
  }

  /** Stops watching: the server stops sending it (unless it is one of hers). */
  closeDrillIn(): void {
    const conversationId = this.#state.drillIn?.conversationId;
    this.#set({ ...this.#state, drillIn: null });
    if (conversationId) this.#send(agentMessage('conversation.close', { conversationId }));
  }

  /** Supervisors: a message to the agent only; the patient never receives it. */
  whisper(conversationId: string, text: string): void {
    this.#sendPending(
      agentMessage('conversation.whisper', { conversationId, clientMessageId: createId(), text }),
    );
  }

  /** Supervisors: join the watched conversation; the patient is told a supervisor joined. */
  barge(conversationId: string): void {
    const drill = this.#state.drillIn;
    if (drill?.conversationId === conversationId)
      this.#set({ ...this.#state, drillIn: { ...drill, barged: true } });
    this.#sendPending(
      agentMessage('conversation.barge', { conversationId, clientMessageId: createId() }),
    );
  }

  dismissNotice(id: string): void {
    this.#set({ ...this.#state, notices: this.#state.notices.filter((n) => n.id !== id) });
  }

  /**
   * A staff API request on this server (`/api/analytics`, `/api/admin/…`) with this session's
   * token as bearer; the caller reads the response. Network failures are `connection_failed`.
   */
  async staffFetch(path: string, init: RequestInit = {}): Promise<Response> {
    try {
      return await fetch(new URL(path, this.#options.serverUrl), {
        ...init,
        headers: {
          ...(init.headers as Record<string, string>),
          authorization: `Bearer ${this.#token}`,
        },
        credentials: 'omit',
        cache: 'no-store',
      });
    } catch (cause) {
      throw new AgentConsoleError('connection_failed', { cause });
    }
  }

  /** The audited transcript export (`GET /api/conversations/:id/transcript`). */
  exportTranscript(conversationId: string): Promise<unknown> {
    return fetchTranscriptExport(this.#options.serverUrl, conversationId, this.#token);
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#retryTimer);
    this.#socket.removeAllListeners();
    this.#socket.disconnect();
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
    this.#sent.set(frame.id, {
      type: frame.type,
      ...('conversationId' in frame ? { conversationId: frame.conversationId } : {}),
      ...('clientMessageId' in frame ? { clientMessageId: frame.clientMessageId } : {}),
    });
    if (this.#sent.size > MAX_SENT_RECORDS) {
      this.#sent.delete(this.#sent.keys().next().value as string);
    }
    if (!this.#socket.connected) return false;
    this.#socket.emit(FRAME_EVENT, frame);
    return true;
  }

  /** Logged commands wait for their `ack`; resent with the same `clientMessageId` until then. */
  #sendPending(frame: Pending): void {
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
    this.#set({ ...this.#state, connection: 'connected' });
    const { profile } = this.#state;
    const isAgent = hasRole(profile, 'agent');
    const isSupervisor = hasRole(profile, 'supervisor');
    if (isAgent || isSupervisor) this.#send(agentMessage('queue.subscribe', {}));
    if (isSupervisor) this.#send(agentMessage('supervisor.subscribe', {}));
    if (isAgent || isSupervisor) this.#send(agentMessage('followup.subscribe', {}));
    if (isAgent && isSupervisor && !this.#presenceChosen) {
      // A supervisor watches first: she takes chats once she says she is available.
      this.#presenceChosen = true;
      this.#set({ ...this.#state, presence: 'away' });
    }
    if (isAgent && this.#presenceChosen) {
      this.#send(agentMessage('presence', { presence: this.#state.presence }));
    }
    this.#resumeAll();
    const drill = this.#state.drillIn;
    if (drill)
      this.#send(
        agentMessage('conversation.open', { conversationId: drill.conversationId, sinceSeq: 0 }),
      );
    this.#outbox.resend();
  }

  #receive(input: unknown): void {
    const parsed = parseServerToAgent(input);
    if (!parsed.ok) return;
    const frame = parsed.message;
    if (frame.type === 'error') {
      if (frame.code === 'token_expired') this.#tokenExpired = true;
      else this.#refused(frame);
      return;
    }
    if (frame.type === 'resync') {
      this.#resumeAll();
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
    if (
      frame.type === 'conversation.transcript' &&
      this.#consultOpens.delete(frame.conversationId)
    ) {
      // A consulted conversation: read-only, not one this console holds.
      const me = this.#state.profile.staffId;
      this.#set({ ...this.#state, chat: withConsultTranscript(this.#state.chat, me, frame) });
      return;
    }
    if (
      frame.type === 'conversation.transcript' &&
      this.#followUpOpens.delete(frame.conversationId)
    ) {
      // A follow-up's read-only history: not one of the conversations this console holds.
      this.#set({ ...this.#state, worklist: withFollowUpTranscript(this.#state.worklist, frame) });
      return;
    }
    if (isDrillInFrame(this.#state, frame)) {
      if (frame.type === 'ack') this.#outbox.settle(frame.clientMessageId);
      this.#set(applyDrillInFrame(this.#state, frame));
      return;
    }
    this.#inboxes.track(frame);
    if (frame.type === 'ack') this.#outbox.settle(frame.clientMessageId);
    const before = this.#state;
    this.#set(applyServerFrame(before, frame));
    if (frame.type === 'agent.assignments') {
      // Back after a reload or on another device: replay each log through the resume path.
      for (const conversationId of newlyAssigned(before, frame))
        this.#send(agentMessage('conversation.open', { conversationId, sinceSeq: 0 }));
      return;
    }
    if (frame.type === 'conversation.assigned' && this.#claimed.delete(frame.conversationId)) {
      // Accepting opens it: the console switches to the conversation it just claimed.
      this.select(frame.conversationId);
    }
    if (
      frame.type === 'conversation.assigned' &&
      frame.agent.id === before.profile.staffId &&
      this.#state.drillIn?.conversationId === frame.conversationId
    ) {
      // Taken over from the dashboard: it is now one of hers, in the conversations view.
      this.#set({ ...this.#state, drillIn: null });
      this.select(frame.conversationId);
    }
    if (frame.type === 'conversation.assigned' && frame.agent.id === before.profile.staffId) {
      // The assignment carries the request; the log (messages sent while queued) and the
      // attributes this person may see come with `conversation.open`.
      this.#send(
        agentMessage('conversation.open', { conversationId: frame.conversationId, sinceSeq: 0 }),
      );
    }
  }

  #refused(frame: Extract<ServerToAgent, { type: 'error' }>): void {
    if (this.attachments.refused(frame)) return;
    const sent = frame.inReplyTo ? this.#sent.get(frame.inReplyTo) : undefined;
    const clientMessageId = frame.clientMessageId ?? sent?.clientMessageId;
    const conversationId = frame.conversationId ?? sent?.conversationId;
    const action = sent?.type ?? 'unknown';
    if (clientMessageId && this.#outbox.entries.has(clientMessageId)) {
      // `unavailable` (a store outage) and other retryable codes: left pending, resent later.
      if (!this.#outbox.refuse(clientMessageId, isRetryLater(frame))) return;
      this.#outbox.settle(clientMessageId);
      if (conversationId && (action === 'message' || action === 'note')) {
        this.#set(markFailed(this.#state, conversationId, clientMessageId, frame.code));
        return;
      }
    }
    if (action === 'typing' || action === 'read') return;
    if (action === 'conversation.open' && conversationId && frame.code === 'forbidden') {
      // Ended or moved on while this console was away: it is no longer ours.
      this.#set(patchConversation(this.#state, conversationId, { held: false }));
      return;
    }
    let kind: ConsoleNotice['kind'] = 'action-failed';
    if (action === 'conversation.claim' && conversationId) this.#claimed.delete(conversationId);
    if (action === 'conversation.claim') kind = claimRefusal(frame) ?? kind;
    const notice: ConsoleNotice = {
      id: frame.id,
      kind,
      action,
      code: frame.code as ErrorCode,
      message: frame.message,
      ...(conversationId ? { conversationId } : {}),
    };
    this.#set({ ...this.#state, notices: [...this.#state.notices, notice].slice(-5) });
  }
}

/**
 * Why a claim was refused: `conflict` = another agent won; `forbidden` names the agent's own
 * obstacle in `issues[0].path` (`presence` or `capacity`).
 */
function claimRefusal(
  frame: Extract<ServerToAgent, { type: 'error' }>,
): ConsoleNotice['kind'] | undefined {
  if (frame.code === 'conflict') return 'claim-conflict';
  if (frame.code !== 'forbidden') return undefined;
  const reason = frame.issues?.[0]?.path;
  if (reason === 'presence') return 'claim-needs-presence';
  if (reason === 'capacity') return 'claim-at-capacity';
  return undefined;
}

/** Reads the token, connects to `/agent` and resolves once the server accepted the session. */
export async function connectConsole(options: ConsoleSessionOptions): Promise<ConsoleSession> {
  const token = await options.getToken();
  const session = new ConsoleSession(token, options);
  try {
    await session.connect();
  } catch (error) {
    session.close();
    throw error;
  }
  return session;
}

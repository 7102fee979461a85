import type { Activity } from '../directline/activity';
import type { DirectLineClient } from '../directline/connection';
import { describeActivity } from '../directline/debug-log';
import {
  type HandoffHandle,
  type ResumeHandle,
  writeResumeHandle,
} from '../directline/resume-handle';
import type { Emitter } from '../emitter';
import { BatonWidgetError } from '../errors';
import type { EscalationSignal } from '../escalation/types';
import type { ChatSession } from '../types';
import { MessageLog } from './message-log';
import type { ControllerEvents, ControllerOptions } from './options';
import { type ChatState, type ConnectionState, INITIAL_STATE } from './state';

/**
 * The bot conversation's state, shared by the modules that act on it (`connect.ts`,
 * `incoming.ts`, `outgoing.ts`, `escalation-flow.ts`, `token-refresh.ts`) and held by `ChatController`, which only exposes it. The
 * `_` names are internal: the browser build renames them (they never leave the widget chunk).
 */
/** Fields left out start empty (`undefined`, as `null` or `false` would). */
export interface ControllerCore {
  readonly _options: ControllerOptions;
  readonly _events: Emitter<ControllerEvents>;
  _state: ChatState;
  _client?: DirectLineClient | null;
  _session?: ChatSession | null;
  _streamSubscriptions: { unsubscribe(): void }[];
  _started?: Promise<void> | null;
  _wasOnline?: boolean;
  /** The link's own state; `_state.connection` is what is shown (the network may be down). */
  _link: ConnectionState;
  _networkDown?: boolean;
  _resumed?: boolean;
  /** The backend posted `InitConversation` (the session's `firstTurn`). */
  _initSent?: boolean;
  _typingTimer?: ReturnType<typeof setTimeout> | undefined;
  _handoff?: HandoffHandle | undefined;
  /** Messages sent before the Direct Line client exists (or while it reconnects). */
  _waiting: string[];
  readonly _log: MessageLog;
  /** The escalation signalled so far (`escalation-flow.ts`): at most one, or a more urgent one. */
  _escalated?: EscalationSignal | null;
  /** The session request under way for a fresh token (`token-refresh.ts`), one at a time. */
  _refreshing?: Promise<void> | null;
  _refreshTimer?: ReturnType<typeof setTimeout> | undefined;
  /** Disposed: a client still loading is never created. */
  _disposed?: boolean;
}

export function createCore(
  options: ControllerOptions,
  events: Emitter<ControllerEvents>,
): ControllerCore {
  return {
    _options: options,
    _events: events,
    _state: INITIAL_STATE,
    _streamSubscriptions: [],
    _link: 'idle',
    _waiting: [],
    _log: new MessageLog(),
  };
}

export const conversationOf = (c: ControllerCore) =>
  c._client?.conversationId ?? c._state.conversationId;

export function update(c: ControllerCore, patch: Partial<ChatState>): void {
  c._state = { ...c._state, ...patch };
  c._events.emit('state', c._state);
}

/** The message list changed (a message added, or its delivery state). */
export const showMessages = (c: ControllerCore) => update(c, { messages: c._log.messages });

export function setConnection(c: ControllerCore, connection: ConnectionState): void {
  c._link = connection;
  if ((connection === 'offline' || connection === 'ended') && c._waiting.length) failWaiting(c);
  // The browser's own network state (the `online`/`offline` events) wins over the link's.
  const shown = c._networkDown && connection !== 'ended' ? 'offline' : connection;
  if (shown !== c._state.connection) update(c, { connection: shown });
}

/** Messages held for the client that will not come: shown as not sent. */
export function failWaiting(c: ControllerCore): void {
  for (const key of c._waiting.splice(0)) c._log.markFailed(key);
  showMessages(c);
}

export function fail(
  c: ControllerCore,
  cause: unknown,
  code: 'connection_failed' | 'session_failed',
): void {
  const error = cause instanceof BatonWidgetError ? cause : new BatonWidgetError(code, { cause });
  c._events.emit('error', error);
}

export function saveHandle(c: ControllerCore): void {
  const conversationId = conversationOf(c);
  if (!conversationId || c._state.connection === 'ended') return;
  const watermark = c._client?.watermark;
  const resumeBinding = c._session?.resumeBinding;
  const handoff = c._handoff;
  const options = c._options;
  const handle: ResumeHandle = {
    conversationId,
    expiresAt: (options.now ?? Date.now)() + options.resumeTtlMs,
    ...(watermark ? { watermark } : {}),
    ...(resumeBinding ? { resumeBinding } : {}),
    ...(handoff ? { handoff } : {}),
  };
  writeResumeHandle(options.storage, handle);
}

/** Post an activity as the patient (the `outgoing` event and the debug log see it). */
export function post(c: ControllerCore, activity: Activity) {
  const client = c._client;
  const userId = c._session?.userId;
  if (!client || !userId) throw new BatonWidgetError('connection_failed');
  // Set on the logged object itself, so the transcript knows who wrote it.
  activity.from = { id: userId, role: 'user' };
  c._options.debug?.(describeActivity('out', activity));
  c._events.emit('outgoing', activity);
  return client.postActivity(activity);
}

/** Post and forget: the answer (or its failure) changes nothing on screen. */
export function postQuietly(c: ControllerCore, activity: Activity): void {
  post(c, activity).subscribe(
    () => {},
    () => {},
  );
}

import {
  FRAME_EVENT,
  type HandoffRequest,
  type Outbox,
  type PatientToServer,
  type SeqInbox,
} from '@baton/handoff-protocol';
import type { ManagerOptions, Socket, SocketOptions } from 'socket.io-client';
import { newId, patientFrame } from './frames';
import type { HandoffState } from './state';

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

export type Command = Extract<PatientToServer, { clientMessageId: string }>;

/** A command's own fields (`command` adds the conversation and a client message id). */
type CommandFields<T extends Command['type']> = Omit<
  Extract<Command, { type: T }>,
  'v' | 'type' | 'id' | 'ts' | 'conversationId' | 'clientMessageId'
>;

/**
 * One handoff's state, shared by the modules that act on it (`patient-socket.ts`,
 * `session-inbound.ts`) and held by `HandoffSession`, which only exposes it. The `_` names
 * are internal: the browser build renames them (they never leave the handoff chunk). Flags
 * left out start `undefined` (false).
 */
export interface SessionCore {
  _handoffState: HandoffState;
  readonly _listeners: Set<(state: HandoffState) => void>;
  readonly _sessionOptions: HandoffSessionOptions;
  readonly _outbox: Outbox<Command>;
  readonly _inbox: SeqInbox;
  readonly _socket: Socket;
  /** The server committed the handoff request (or this is a resumed handoff). */
  _requestAcked?: boolean;
  /** Sent once instead of the request if the server refuses it as invalid. */
  _fallback?: HandoffRequest | undefined;
  _closed?: boolean;
  /** The server said `token_expired`: the disconnect that follows reconnects at once. */
  _tokenExpired?: boolean;
}

export function update(s: SessionCore, state: HandoffState): void {
  s._handoffState = state;
  for (const listener of [...s._listeners]) listener(state);
}

export function emit(s: SessionCore, frame: PatientToServer): Socket {
  return s._socket.emit(FRAME_EVENT, frame);
}

/** A command kept in the outbox until its `ack`, under a new client message id. */
export function command<T extends Command['type']>(
  s: SessionCore,
  type: T,
  fields: CommandFields<T>,
): void {
  const frame = patientFrame(type, {
    conversationId: s._handoffState.conversationId,
    clientMessageId: newId(),
    ...fields,
  } as never);
  s._outbox.add(frame as Command);
}

/** Everything after the highest contiguous seq held (a reconnect, `resync`, a gap). */
export function resume(s: SessionCore): void {
  emit(
    s,
    patientFrame('resume', {
      conversationId: s._handoffState.conversationId,
      sinceSeq: s._inbox.contiguous,
    }),
  );
}

export function save(s: SessionCore): void {
  s._sessionOptions.persist?.({
    conversationId: s._handoffState.conversationId,
    lastSeq: s._inbox.contiguous,
    seenUpTo: s._handoffState.agentReadUpTo,
  });
}

export const forget = (s: SessionCore) => s._sessionOptions.persist?.(null);

export function unavailable(s: SessionCore, error: string): void {
  update(s, { ...s._handoffState, phase: 'unavailable', error });
  forget(s);
  s._socket.disconnect();
}

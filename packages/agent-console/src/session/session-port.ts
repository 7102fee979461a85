import type { AgentToServer } from '@baton/handoff-protocol';
import type { ConsoleState } from './console-state';

/** A logged command: it carries a `clientMessageId` and waits for its `ack`. */
export type PendingFrame = Extract<AgentToServer, { clientMessageId: string }>;

/** What a feature's commands need from the session: its state and the two ways to send. */
export interface SessionPort {
  readonly state: ConsoleState;
  set(next: ConsoleState): void;
  /** Puts a frame on the wire (false when offline: it is not queued). */
  send(frame: AgentToServer): boolean;
  /** Kept in the outbox until its `ack`; resent with the same `clientMessageId` until then. */
  sendPending(frame: PendingFrame): void;
}

/** A port reading the session's current state through `state`. */
export function sessionPort(
  state: () => ConsoleState,
  send: Omit<SessionPort, 'state'>,
): SessionPort {
  return {
    get state() {
      return state();
    },
    set: send.set,
    send: send.send,
    sendPending: send.sendPending,
  };
}

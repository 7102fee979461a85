import type { ConversationState } from '../domain/conversation';
import { BatonProtocolError } from '../errors/error';

/** What can happen to a conversation. The server maps frames and timers to these. */
export const CONVERSATION_EVENTS = [
  /** An escalation fired: `handoff.request` received. */
  'request',
  /** The adapter accepted the handoff into a queue. */
  'enqueue',
  /** An agent claimed it, or the adapter routed it straight to an agent. */
  'assign',
  /** The agent sent it back to a queue. */
  'transfer_to_queue',
  /** The agent handed it to another agent. */
  'transfer_to_agent',
  /** The agent (or the server, on inactivity) closed it. */
  'end',
  /** The patient left. */
  'patient_leave',
  /** Nobody took it in time. */
  'expire',
  /** The adapter refused it or is unavailable. */
  'fail',
  /** The bot takes the conversation back. */
  'return_to_bot',
] as const;
export type ConversationEvent = (typeof CONVERSATION_EVENTS)[number];

/** The transition table: state → event → next state. Absent pairs are illegal. */
export const CONVERSATION_TRANSITIONS = {
  bot: { request: 'handoff_requested' },
  handoff_requested: {
    enqueue: 'queued',
    assign: 'assigned',
    fail: 'failed',
    expire: 'expired',
    patient_leave: 'abandoned',
    return_to_bot: 'returned_to_bot',
  },
  queued: {
    assign: 'assigned',
    expire: 'expired',
    fail: 'failed',
    patient_leave: 'abandoned',
    return_to_bot: 'returned_to_bot',
  },
  assigned: {
    transfer_to_queue: 'queued',
    transfer_to_agent: 'assigned',
    end: 'ended',
    patient_leave: 'ended',
    fail: 'failed',
    return_to_bot: 'returned_to_bot',
  },
  returned_to_bot: { request: 'handoff_requested' },
  ended: {},
  abandoned: {},
  expired: {},
  failed: {},
} as const satisfies Record<
  ConversationState,
  Partial<Record<ConversationEvent, ConversationState>>
>;

/** States a conversation never leaves. A new escalation starts a new conversation. */
export const TERMINAL_STATES: readonly ConversationState[] = (
  Object.keys(CONVERSATION_TRANSITIONS) as ConversationState[]
).filter((state) => Object.keys(CONVERSATION_TRANSITIONS[state]).length === 0);

export type TransitionResult =
  | { ok: true; from: ConversationState; event: ConversationEvent; to: ConversationState }
  | { ok: false; error: BatonProtocolError };

/** Events allowed in a state. */
export function allowedEvents(state: ConversationState): ConversationEvent[] {
  return Object.keys(CONVERSATION_TRANSITIONS[state]) as ConversationEvent[];
}

export function isTerminal(state: ConversationState): boolean {
  return TERMINAL_STATES.includes(state);
}

/** The next state, or an `illegal_transition` error. Pure: reads only the table. */
export function transition(state: ConversationState, event: ConversationEvent): TransitionResult {
  const row: Partial<Record<ConversationEvent, ConversationState>> | undefined = Object.hasOwn(
    CONVERSATION_TRANSITIONS,
    state,
  )
    ? CONVERSATION_TRANSITIONS[state]
    : undefined;
  const to = row && Object.hasOwn(row, event) ? row[event] : undefined;
  if (to) return { ok: true, from: state, event, to };
  return {
    ok: false,
    error: new BatonProtocolError(
      'illegal_transition',
      `Illegal transition: "${String(event)}" is not allowed in state "${String(state)}"`,
      { details: { state: String(state), event: String(event) } },
    ),
  };
}

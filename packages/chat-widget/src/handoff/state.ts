import type {
  AgentInfo,
  AppointmentConfirmation,
  AppointmentOffer,
  AttachmentPolicy,
  CallOffer,
  FallbackOption,
  QueueStatus,
  ServerToPatient,
  Survey,
} from '@baton/handoff-protocol';
import { acknowledge, addItem, type ThreadItem } from './thread';

/**
 * The patient's view of one handoff, as a pure reducer over server frames and local actions.
 * `requesting` (sent, no answer yet) → `queued` → `assigned` → `ended`; or `failed` (nobody
 * can take it: fallbacks), `returned` (back to the bot), `unavailable` (the server refused
 * or cannot be reached). `phase` only moves forward except `assigned` → `queued` (transfer).
 */
export type HandoffPhase =
  | 'requesting'
  | 'queued'
  | 'assigned'
  | 'ended'
  | 'failed'
  | 'returned'
  | 'unavailable';
export type HandoffConnection = 'connecting' | 'online' | 'reconnecting';
/** A follow-up form's progress: answered by the patient, acknowledged by the server. */
export type FormStatus = 'open' | 'sending' | 'done' | 'error';

export interface FollowUp<T> {
  value: T;
  status: FormStatus;
  /** Protocol error code when the server refused it (e.g. `unavailable`, `conflict`). */
  error?: string;
}

export interface HandoffState {
  phase: HandoffPhase;
  link: HandoffConnection;
  conversationId: string;
  queue?: QueueStatus;
  agent?: AgentInfo;
  items: readonly ThreadItem[];
  agentTyping: boolean;
  /** The agent has seen every message up to this seq. */
  agentReadUpTo: number;
  /** Highest logged `seq` received (what `resume` asks after); -1 before any. */
  lastSeq: number;
  ended?: { endedBy: string; reason: string };
  /** `notice`: the organisation's own words (e.g. its opening hours), shown as plain text. */
  failure?: { reason: string; fallbacks: readonly FallbackOption[]; notice?: string };
  fallback?: FollowUp<FallbackOption>;
  survey?: FollowUp<Survey>;
  appointment?: FollowUp<AppointmentOffer> & { slotId?: string };
  confirmed?: AppointmentConfirmation;
  /** Start of the appointment cancelled last (when none is booked now). */
  cancelled?: string;
  /** The patient's cancel or reschedule of `confirmed`, in flight or refused. */
  change?: FollowUp<string>;
  call?: CallOffer;
  /** Files allowed, within these limits (`attachment.policy`); absent or null: no paperclip. */
  attachments?: AttachmentPolicy | null;
  /** Why the handoff is `unavailable`, or the last refused command. */
  error?: string;
}

export const TERMINAL_PHASES: ReadonlySet<HandoffPhase> = new Set([
  'ended',
  'failed',
  'returned',
  'unavailable',
]);

export function initialHandoffState(conversationId: string): HandoffState {
  return {
    phase: 'requesting',
    link: 'connecting',
    conversationId,
    items: [],
    agentTyping: false,
    agentReadUpTo: -1,
    lastSeq: -1,
  };
}

const FALLBACKS: readonly FallbackOption[] = ['leave-message', 'callback', 'appointment'];
const RESUMED_PHASE: Record<string, HandoffPhase> = {
  handoff_requested: 'requesting',
  queued: 'queued',
  assigned: 'assigned',
  ended: 'ended',
  abandoned: 'ended',
  expired: 'failed',
  failed: 'failed',
  returned_to_bot: 'returned',
  bot: 'returned',
};

/** A server frame, already checked (`readServerFrame`) and for this conversation. */
export function applyServerFrame(state: HandoffState, frame: ServerToPatient): HandoffState {
  if ('seq' in frame && frame.type !== 'ack') {
    if (frame.seq > state.lastSeq) state = { ...state, lastSeq: frame.seq };
    // Below the last seen (duplicates are dropped before, by the session's `SeqInbox`): one
    // committed on another server node that arrived late. Keep a late chat message; a late
    // state change is already superseded by what came after it.
    else if (frame.type !== 'message') return state;
  }
  const at = frame.ts;
  switch (frame.type) {
    case 'ack':
      return acknowledge(state, frame.clientMessageId, frame.seq);
    case 'handoff.queued':
      return state.phase === 'requesting' || state.phase === 'queued'
        ? { ...state, phase: 'queued', queue: frame.queue }
        : state;
    case 'agent.joined': {
      const { queue: _queue, ...rest } = state;
      return addItem(
        { ...rest, phase: 'assigned', agent: frame.agent },
        {
          kind: 'notice',
          key: `s${frame.seq}`,
          seq: frame.seq,
          notice: 'joined',
          at,
          agent: frame.agent,
        },
      );
    }
    case 'agent.left': {
      // Back in the queue, first in line: `handoff.queued` with the position follows.
      const { agent: _agent, ...rest } = state;
      return addItem(
        { ...rest, phase: 'queued', agentTyping: false },
        { kind: 'notice', key: `s${frame.seq}`, seq: frame.seq, notice: 'agent-left', at },
      );
    }
    case 'message': {
      const own = frame.clientMessageId
        ? state.items.find((i) => i.kind === 'message' && i.key === frame.clientMessageId)
        : undefined;
      if (own) return acknowledge(state, own.key, frame.seq);
      return addItem(
        { ...state, ...(frame.from === 'agent' ? { agentTyping: false } : {}) },
        {
          kind: 'message',
          key:
            frame.from === 'patient' && frame.clientMessageId
              ? frame.clientMessageId
              : `s${frame.seq}`,
          seq: frame.seq,
          from: frame.from,
          text: frame.text,
          ...(frame.textFormat ? { textFormat: frame.textFormat } : {}),
          at,
          ...(frame.agent ? { agent: frame.agent } : {}),
          ...(frame.from === 'patient' ? { delivery: 'sent' as const } : {}),
        },
      );
    }
    case 'attachment':
      return addItem(state, {
        kind: 'message',
        key: `s${frame.seq}`,
        seq: frame.seq,
        from: frame.from === 'agent' ? 'agent' : frame.from === 'patient' ? 'patient' : 'system',
        text: frame.caption ?? '',
        at,
        attachment: frame.attachment,
        ...(frame.agent ? { agent: frame.agent } : {}),
      });
    case 'attachment.grant':
      return state;
    case 'attachment.policy':
      return { ...state, attachments: frame.attachments };
    case 'typing':
      return { ...state, agentTyping: frame.active };
    case 'read':
      return { ...state, agentReadUpTo: Math.max(state.agentReadUpTo, frame.upToSeq) };
    case 'handoff.ended':
      return addItem(
        {
          ...state,
          phase: 'ended',
          agentTyping: false,
          ended: { endedBy: frame.endedBy, reason: frame.reason },
        },
        { kind: 'notice', key: `s${frame.seq}`, seq: frame.seq, notice: 'ended', at },
      );
    case 'handoff.failed':
      return {
        ...state,
        phase: 'failed',
        failure: {
          reason: frame.reason,
          fallbacks: FALLBACKS.filter((option) => frame.fallbacks.includes(option)),
          ...(frame.notice ? { notice: frame.notice } : {}),
        },
      };
    case 'survey.request':
      return { ...state, survey: { value: frame.survey, status: 'open' } };
    case 'appointment.offer':
      return { ...state, appointment: { value: frame.offer, status: 'open' } };
    case 'appointment.confirmed':
      return { ...state, confirmed: frame.appointment };
    case 'appointment.cancelled':
      // The log replays in order: a cancellation follows the confirmation it undoes.
      return { ...state, confirmed: undefined, cancelled: frame.appointment.start };
    case 'call.offer':
      return { ...state, call: frame.call };
    case 'returned_to_bot':
      return addItem(
        { ...state, phase: 'returned', agentTyping: false },
        { kind: 'notice', key: `s${frame.seq}`, seq: frame.seq, notice: 'returned', at },
      );
    case 'resumed': {
      const phase = RESUMED_PHASE[frame.state] ?? state.phase;
      return {
        ...state,
        lastSeq: Math.max(state.lastSeq, frame.lastSeq),
        phase: state.phase === 'unavailable' ? state.phase : phase,
        ...(frame.agent ? { agent: frame.agent } : {}),
        ...(frame.queue ? { queue: frame.queue } : {}),
      };
    }
    case 'supervisor.joined':
      return addItem(state, {
        kind: 'notice',
        key: `s${frame.seq}`,
        seq: frame.seq,
        notice: 'supervisor-joined',
        at,
        agent: frame.supervisor,
      });
    case 'log.hidden':
    case 'resync':
    case 'error':
      return state;
    default: {
      const never: never = frame;
      return never;
    }
  }
}

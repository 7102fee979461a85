import type {
  AgentInfo,
  DirectLineRef,
  FallbackOption,
  QueueStatus,
  ServerToAgent,
  ServerToPatient,
} from '@baton/handoff-protocol';
import type { AdapterLogger } from '../adapters/contract';
import type { ConversationRecord, ConversationState } from '../storage/records';

/**
 * How the engine reaches people. The gateway implements it with socket.io rooms, so with the
 * Redis adapter a frame reaches a socket on any node.
 */
export interface ConversationDelivery {
  /** Every patient socket joined to the conversation. */
  toPatient(conversationId: string, frame: ServerToPatient): void;
  /** Every agent socket watching the conversation (assignee, supervisors who opened it). */
  toAgents(conversationId: string, frame: ServerToAgent): void;
  /** Every socket of one agent. */
  toAgent(agentId: string, frame: ServerToAgent): void;
  /** Make all of an agent's sockets watch / stop watching a conversation. */
  joinAgent(agentId: string, conversationId: string): void;
  leaveAgent(agentId: string, conversationId: string): void;
  /**
   * Who may watch the conversation changed: staff sockets the policy no longer lets view it
   * leave its room (on every node) before anything else is delivered there.
   */
  accessChanged?(conversation: ConversationRecord): void;
  /** Staff who work the follow-up items of this queue, and supervisors. */
  toWorklist?(queue: string, frame: ServerToAgent): void;
}

/** A state change the engine committed; the desk turns these into queue and dashboard updates. */
export interface ConversationChangeEvent {
  conversation: ConversationRecord;
  from: ConversationState | null;
  to: ConversationState;
  /** Protocol state-machine event, or `create`. */
  event: string;
  at: string;
}

export type ConversationChangeListener = (change: ConversationChangeEvent) => void;

/** Tells the bot side that a human holds (or released) a conversation: mutes the bot. */
export interface BotChannel {
  notify(target: {
    conversationId: string;
    directLine: DirectLineRef;
    state: 'accepted' | 'failed' | 'completed';
  }): Promise<void>;
}

export interface EngineTimeouts {
  /** No agent within this time → `expired` with a fallback offer. Default 10 minutes. */
  queueTimeoutMs: number;
  /** No frame from the patient for this time → `abandoned` (or `ended` when with an agent). */
  patientIdleMs: number;
  /**
   * After this long in a queue nobody could serve (no agent online for it, or out of
   * hours), the patient is offered the fallback (`handoff.failed`). Default 5 seconds.
   */
  unstaffedFallbackMs: number;
  /**
   * An agent gone (no socket left) this long has her conversations returned to the front of
   * their queue. Default 60 s.
   */
  agentGraceMs: number;
  /** A bot conversation without activity this long is closed as `abandoned`. Default 30 min. */
  botSessionIdleMs: number;
  /**
   * A console the server cut for a reassignment (roles or queues changed) has this long to
   * come back before its agent shows offline (timer kind `agent-return`). Default 15 s.
   */
  agentReturnMs: number;
}

export const DEFAULT_TIMEOUTS: EngineTimeouts = {
  queueTimeoutMs: 10 * 60_000,
  patientIdleMs: 30 * 60_000,
  unstaffedFallbackMs: 5_000,
  agentGraceMs: 60_000,
  botSessionIdleMs: 30 * 60_000,
  agentReturnMs: 15_000,
};

/** Whether anyone could take a queued conversation now (see `EngineDeskHooks.staffing`). */
export interface QueueStaffing {
  /** Within the queue's business hours. */
  open: boolean;
  /** Someone who may take it is signed in (available, busy or away). */
  staffed: boolean;
  /** The queue's out-of-hours message, shown to the patient. */
  notice?: string;
}

export const DEFAULT_FALLBACKS: readonly FallbackOption[] = ['leave-message', 'callback'];

/** Counters the engine reports; the ops layer backs them with prom-client. */
export interface EngineMetrics {
  messageAcked(party: 'patient' | 'agent' | 'adapter'): void;
  handoffVisible(seconds: number): void;
  /** An agent's grace period ran out: her conversation went back to the queue. */
  agentGraceRequeued?(): void;
}

/** Optional hooks the agent desk provides. */
export interface EngineDeskHooks {
  /** The patient's place in line, for `resumed`. */
  queueStatus?(conversation: ConversationRecord): Promise<QueueStatus | null>;
  /** Display info of an agent by id (for `resumed`, transfers). */
  agentInfo?(agentId: string): Promise<AgentInfo | null>;
  /** Whether a queued conversation can be served now; without it, nobody checks. */
  staffing?(conversation: ConversationRecord): Promise<QueueStaffing>;
}

export type EngineLogger = AdapterLogger;

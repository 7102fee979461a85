import type {
  AgentPresence,
  QueueItem,
  ServerToAgent,
  ServerToPatient,
} from '@baton/handoff-protocol';
import type { ConversationAction } from '../auth/policy';
import type { StaffPrincipal } from '../auth/principal';
import type { AgentAckFrame, AgentFrame } from '../engine/frames';
import type { ConversationRecord } from '../storage/records';

/**
 * An agent system whose agents work in Baton's own console (the built-in desk, or another
 * one): the server's `/agent` namespace hands it what agents do, already authenticated and
 * parsed. It reports the outcome through its `AdapterHost` like any adapter; what only concerns
 * the console (queues, presence, the supervisor's map) it answers here.
 */
export interface AgentDeskPort {
  /** What an agent does in a conversation (claim, write, type, read, end, transfer...). */
  readonly agents: AgentDeskActions;
  /** An agent's first socket connected: she is signed in (her stored presence resumes). */
  agentConnected(staff: StaffPrincipal): Promise<unknown>;
  setPresence(staffId: string, presence: AgentPresence): Promise<void>;
  /** Queues with someone waiting, plus the configured ones (what supervisors may watch). */
  knownQueues(): Promise<string[]>;
  queueSnapshot(queues: readonly string[]): Promise<QueueItem[]>;
  supervisorSnapshot(): Promise<Extract<ServerToAgent, { type: 'supervisor.snapshot' }>>;
}

/**
 * An agent's acts in a conversation, each checked against the access policy (through the
 * {@link DeskServerLink}) and the agent system's own rules. Refusals are `BatonProtocolError`s
 * the gateway sends as `error` frames.
 */
export interface AgentDeskActions {
  claim(staff: StaffPrincipal, conversationId: string): Promise<void>;
  message(staff: StaffPrincipal, frame: AgentFrame<'message'>): Promise<AgentAckFrame>;
  typing(staff: StaffPrincipal, frame: AgentFrame<'typing'>): Promise<void>;
  read(staff: StaffPrincipal, frame: AgentFrame<'read'>): Promise<void>;
  end(staff: StaffPrincipal, frame: AgentFrame<'conversation.end'>): Promise<void>;
  returnToBot(staff: StaffPrincipal, conversationId: string): Promise<void>;
  transfer(staff: StaffPrincipal, frame: AgentFrame<'conversation.transfer'>): Promise<void>;
}

/** Where a desk sends its frames (the gateway's socket.io rooms, on every node). */
export interface DeskDelivery {
  toPatient(conversationId: string, frame: ServerToPatient): void;
  /** The agents watching a conversation (its assignee, supervisors who opened it). */
  toAgents(conversationId: string, frame: ServerToAgent): void;
  toQueue(queue: string, frame: ServerToAgent): void;
  toSupervisors(frame: ServerToAgent): void;
}

/** What a desk needs from the server to act for an agent (wired by `createHandoffServer`). */
export interface DeskServerLink {
  /** Whether the access policy allows `action` on `conversation` (no audit: a dry check). */
  allows(
    staff: StaffPrincipal,
    conversation: ConversationRecord,
    action: ConversationAction,
  ): boolean;
  /** The access policy and its audit trail: the conversation, or a `forbidden` refusal. */
  authorize(
    staff: StaffPrincipal,
    conversationId: string,
    action: ConversationAction,
    details?: { targetId?: string },
  ): Promise<ConversationRecord>;
  /** The same, on a conversation read already (`null`: it does not exist). */
  authorizeRecord(
    staff: StaffPrincipal,
    conversationId: string,
    conversation: ConversationRecord | null,
    action: ConversationAction,
  ): Promise<ConversationRecord>;
  /** The agent message committed earlier under `externalId`, if any (retries after close). */
  committed(
    conversationId: string,
    externalId: string,
  ): Promise<{ seq: number; senderId: string } | null>;
}

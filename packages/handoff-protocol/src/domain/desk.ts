import * as z from 'zod/mini';
import { AgentInfo, AgentPresence } from './agent';
import { AttachmentRef } from './attachment';
import { BotOutcome, EntryPath } from './bot-session';
import { ConversationState } from './conversation';
import { EscalationKind, PriorityDecision } from './escalation';
import { Id, Locale, Party, Priority, Seq, TextFormat, Timestamp } from './primitives';
import { QueueName } from './queue';

// Agent-desk data: queues, live conversation summaries and KPIs. Only the agent console and
// the server use these; keeping them out of the patient-side modules keeps them out of the
// widget bundle.

/** A conversation waiting in a queue, as an agent sees it. */
export const QueueItem = z.object({
  conversationId: Id,
  queue: QueueName,
  priority: Priority,
  escalation: EscalationKind,
  /** Verified: from the patient token or the server's patient context provider. */
  patientDisplayName: z.string().check(z.minLength(1), z.maxLength(200)),
  /** The name the browser stated, when it differs: shown labelled "stated by the patient". */
  patientStatedName: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  locale: Locale,
  enqueuedAt: Timestamp,
  position: z.int().check(z.gte(1)),
  /** Why the server gave this priority (red flag confirmed, downgraded, as requested). */
  triage: z.optional(PriorityDecision),
});
export type QueueItem = z.infer<typeof QueueItem>;

/** One line of the supervisor dashboard: any live conversation, with the bot or a human. */
export const ConversationSummary = z.object({
  conversationId: Id,
  state: ConversationState,
  startedAt: Timestamp,
  stateSince: Timestamp,
  lastActivityAt: Timestamp,
  patientDisplayName: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  patientStatedName: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  priority: z.optional(Priority),
  escalation: z.optional(EscalationKind),
  queue: z.optional(QueueName),
  agent: z.optional(AgentInfo),
  /** Bot conversations: the patient's locale and the portal page the chat started on. */
  locale: z.optional(Locale),
  entryPath: z.optional(EntryPath),
  /** Recently ended rows: how the bot conversation ended, when the conversation ended. */
  botOutcome: z.optional(BotOutcome),
  endedAt: z.optional(Timestamp),
  /** A follow-up item of this conversation is not closed yet. */
  followUpOpen: z.optional(z.boolean()),
  /**
   * An escalated bot conversation: the handoff it became. Once that conversation is on the
   * map, the bot row is not shown (one patient, one row), whichever arrived first.
   */
  handoffConversationId: z.optional(Id),
});
export type ConversationSummary = z.infer<typeof ConversationSummary>;

export const AgentStatus = z.object({
  agent: AgentInfo,
  presence: AgentPresence,
  activeConversations: z.int().check(z.gte(0)),
  /** Average handle time of the agent's recent conversations; `null` without history. */
  averageHandleSeconds: z.optional(z.nullable(z.number().check(z.gte(0)))),
  /** Most conversations she may hold at once: her load is `activeConversations / capacity`. */
  capacity: z.optional(z.int().check(z.gte(0))),
});
export type AgentStatus = z.infer<typeof AgentStatus>;

const Count = z.int().check(z.gte(0));
const Seconds = z.nullable(z.number().check(z.gte(0)));

/** Dashboard figures; `null` where there is nothing to average yet. */
export const DeskKpis = z.object({
  at: Timestamp,
  botConversations: Count,
  queued: Count,
  withAgent: Count,
  agentsAvailable: Count,
  agentsBusy: Count,
  averageWaitSeconds: Seconds,
  longestWaitSeconds: Seconds,
  handledToday: Count,
  abandonedToday: Count,
  averageSurveyRating: z.nullable(z.number().check(z.gte(1), z.lte(5))),
  /** Follow-up worklist: items not closed, age of the oldest, closed since midnight UTC. */
  followUpsOpen: z.optional(Count),
  oldestFollowUpSeconds: z.optional(Seconds),
  followUpsClosedToday: z.optional(Count),
});
export type DeskKpis = z.infer<typeof DeskKpis>;

/** One entry of a live conversation log, as an agent reads it back. */
export const ConversationLogEntry = z.object({
  seq: Seq,
  at: Timestamp,
  kind: z.enum(['message', 'note', 'event']),
  from: Party,
  author: z.optional(AgentInfo),
  text: z.optional(z.string().check(z.maxLength(4000))),
  /** For `kind: 'event'`: the message type that was logged, e.g. `agent.joined`. */
  event: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
  /** For messages: how `text` is written (agents may write markdown). */
  textFormat: z.optional(TextFormat),
  /** A note that is a supervisor's whisper to the agent. */
  whisper: z.optional(z.boolean()),
  /** For `appointment.confirmed` / `appointment.cancelled` events: when the appointment starts. */
  appointmentStart: z.optional(Timestamp),
  /** A message that carries a file (its `text` is the caption, if any). */
  attachment: z.optional(AttachmentRef),
});
export type ConversationLogEntry = z.infer<typeof ConversationLogEntry>;

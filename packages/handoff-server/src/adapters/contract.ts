import type {
  AgentInfo,
  AttachmentRef,
  EndReason,
  FallbackOption,
  FollowUpItem,
  HandoffFailureReason,
  HandoffRequest,
  QueueStatus,
  TextFormat,
} from '@baton/handoff-protocol';

/**
 * The contract between the handoff server and an agent system.
 *
 * Like a socket.io adapter, an adapter is small: the server owns the state machine,
 * validation, persistence, `seq` assignment and delivery to the patient. An adapter only
 * moves a handoff into an agent system (the built-in desk, a CRM, a contact-center product)
 * and reports back what happens there through the {@link AdapterHost} it is given.
 *
 * Ordering: the server calls an adapter's methods for one conversation one at a time, in
 * order (`handoff` first, then `patientMessage`s in `seq` order, then `conversationClosed`).
 * An adapter's reports for one conversation are applied in the order it makes them.
 *
 * Every adapter passes `testHandoffAdapter(createAdapter)` from `@baton/handoff-server/testing`.
 */
export interface HandoffAdapter {
  /** Short, stable name used in logs, metrics and audit records, e.g. `desk`, `webhook`. */
  readonly name: string;

  /** Called once before any handoff, with the host to report through. */
  start(host: AdapterHost): Promise<void>;

  /**
   * A conversation needs a human. Resolve once the agent system has taken responsibility
   * for it (then report `queued` / `agentJoined` through the host, now or later). Reject, or
   * report `failed`, when it cannot: the server offers the patient a fallback.
   */
  handoff(conversation: AdapterConversation): Promise<void>;

  /** A patient's message, already committed (it has its `seq`). */
  patientMessage(conversationId: string, message: AdapterPatientMessage): Promise<void>;

  /**
   * Optional: a file the patient shared, already committed (it has its `seq`, in order with
   * `patientMessage`s): what it is and a short-lived signed link to download its bytes. An
   * adapter that leaves this out never receives files (the built-in desk reads them itself).
   */
  patientAttachment?(conversationId: string, file: AdapterPatientAttachment): Promise<void>;

  /** Optional ephemeral signals; an adapter that cannot carry them leaves them out. */
  patientTyping?(conversationId: string, active: boolean): void;
  patientRead?(conversationId: string, upToSeq: number): void;

  /**
   * The conversation is over on the server's side (patient left, timeout, ended by the
   * server or by this adapter's own report). Release whatever the agent system holds.
   */
  conversationClosed(conversationId: string, reason: AdapterCloseReason): Promise<void>;

  /**
   * Optional: a follow-up item (left message, callback or appointment request, a handoff
   * that expired or failed) was created, claimed or closed. The item carries what the
   * patient asked: treat it as PHI.
   */
  followUp?(change: AdapterFollowUpChange): Promise<void>;

  /** Called on shutdown; stop timers, close clients the adapter opened itself. */
  stop(): Promise<void>;

  /**
   * Optional, for an adapter whose queue lives in the server's own store (the built-in desk):
   * where a new handoff will wait, decided with reads only, before the request is committed.
   * A status: the engine commits the request and its queue entry in one transaction, tells the
   * patient `handoff.queued` and does not call `handoff`. Null: the usual path (`handoff`,
   * then `queued` through the host), e.g. when the queue is closed.
   */
  placeOnRequest?(conversationId: string, request: HandoffRequest): Promise<QueueStatus | null>;
}

/** A change of the follow-up worklist, as adapters receive it. */
export interface AdapterFollowUpChange {
  change: 'created' | 'claimed' | 'closed';
  item: FollowUpItem;
}

/** What an adapter receives for a new handoff. */
export interface AdapterConversation {
  /** The handoff server's conversation id: the key for every later call and report. */
  conversationId: string;
  request: HandoffRequest;
  /** When the patient asked, as an ISO 8601 instant. */
  requestedAt: string;
}

export interface AdapterPatientMessage {
  seq: number;
  text: string;
  textFormat?: TextFormat;
  at: string;
}

/**
 * A file the patient shared, as adapters receive it. The bytes are not pushed: the agent
 * system fetches them with `url` (a plain `GET`, no other credential: the link is signed for
 * this file only and stops working at `expiresAt`, 15 minutes by default), as a contact-center
 * product fetches a channel's media. Treat the file and the link as PHI.
 */
export interface AdapterPatientAttachment {
  seq: number;
  at: string;
  attachment: AttachmentRef;
  caption?: string;
  /** Absolute when the server knows its public address (`BATON_PUBLIC_URL`), else a path. */
  url: string;
  expiresAt: string;
}

export type AdapterCloseReason =
  | 'patient-left'
  | 'ended-by-agent'
  | 'expired'
  | 'abandoned'
  | 'returned-to-bot'
  | 'failed'
  | 'server-ended';

/**
 * How an adapter reports back. Every method validates its input and applies the protocol's
 * state machine: a report that is not legal now (an agent message before anyone joined, a
 * second `agentJoined` by someone else) rejects with a `HandoffServerError` and changes
 * nothing. Reports are idempotent where the agent system may retry them: an `agentMessage`
 * with an `externalId` already seen returns the `seq` it got the first time.
 */
export interface AdapterHost {
  queued(conversationId: string, status: QueueStatus): Promise<void>;
  agentJoined(conversationId: string, agent: AgentInfo): Promise<void>;
  agentMessage(conversationId: string, message: AdapterAgentMessage): Promise<{ seq: number }>;
  agentTyping(conversationId: string, active: boolean): void;
  agentRead(conversationId: string, upToSeq: number): void;
  ended(conversationId: string, reason: EndReason): Promise<void>;
  failed(
    conversationId: string,
    failure: { reason: HandoffFailureReason; fallbacks?: readonly FallbackOption[] },
  ): Promise<void>;
  returnToBot(conversationId: string): Promise<void>;
  /**
   * The agent system moved a conversation it holds (`assigned`): to another agent, who now
   * holds it (the patient sees `agent.joined`), or back to a queue (`queued` again).
   */
  transferred(conversationId: string, to: AdapterTransfer): Promise<void>;
  /**
   * A file the agent system sends to the patient while an agent holds the conversation
   * (`assigned`). The server checks it as it checks a console agent's upload (size ceiling,
   * type read from the bytes against the allowed types), stores it sealed and puts it in the
   * log: the patient gets it like a console agent's file. Repeats of an `externalId` return
   * the first `seq`. Refused (`invalid_report`) when files are off, too large or of a type not
   * allowed; `illegal_transition` when nobody holds the conversation. Every host the server
   * builds has it; optional only for hand-made test hosts.
   */
  agentAttachment?(conversationId: string, file: AdapterAgentAttachment): Promise<{ seq: number }>;
  /** Structured logger; never pass message text, tokens or patient data to it. */
  readonly log: AdapterLogger;
}

export type AdapterTransfer =
  | { kind: 'agent'; agent: AgentInfo /** Shown to the receiving agent only. */; note?: string }
  | { kind: 'queue'; queue: string };

export interface AdapterAgentMessage {
  /** The agent system's id for this message; repeats are de-duplicated. */
  externalId: string;
  text: string;
  textFormat?: TextFormat;
  /** Who wrote it, when the agent system knows (shown to the patient). */
  agent?: AgentInfo;
}

export interface AdapterLogger {
  debug(fields: Record<string, unknown>, msg: string): void;
  info(fields: Record<string, unknown>, msg: string): void;
  warn(fields: Record<string, unknown>, msg: string): void;
  error(fields: Record<string, unknown>, msg: string): void;
}

/** A file from the agent system to the patient (`AdapterHost.agentAttachment`). */
export interface AdapterAgentAttachment {
  /** The agent system's id for this file (an `Id`); repeats are de-duplicated. */
  externalId: string;
  /** The file name shown to the patient (1-200 characters). */
  name: string;
  /** The bytes; their type is read from them, never taken from the sender. */
  bytes: Uint8Array;
  caption?: string;
  /** Who sent it, when the agent system knows (shown to the patient). */
  agent?: AgentInfo;
}

import type { AgentInfo } from '@baton/handoff-protocol';
import type { HandoffAdapter } from '../contract';

/**
 * The agent system's side of an adapter, as the conformance suite drives it. Each adapter
 * talks to a different "other side" (desk: agent sockets; webhook: an HTTP receiver; hub: a
 * bot), so the adapter's author supplies these few actions, done the way a real agent (or
 * agent system) would do them: through that other side, never by calling the host.
 *
 * Every method resolves once the adapter has handled the action (or rejects when the
 * adapter or the agent system refused it, e.g. after `conversationClosed`).
 */
export interface AdapterAgentSide {
  /** An agent takes the conversation. The adapter must then report `agentJoined(agent)`. */
  accept(conversationId: string, agent: AgentInfo): Promise<void>;
  /**
   * The agent writes `text`; `externalId` is the agent system's own id for that message. The
   * suite repeats an `externalId` to play an agent system retrying a delivery.
   */
  say(conversationId: string, externalId: string, text: string): Promise<void>;
  /** The agent closes the conversation. The adapter must report `ended`. */
  end(conversationId: string): Promise<void>;
  /**
   * The agent system declines the handoff. The adapter must report `failed`. Leave it out
   * when the agent system cannot refuse; the suite then skips that case.
   */
  refuse?(conversationId: string): Promise<void>;
  /**
   * Texts of the patient messages the agent side has seen for this conversation so far, in
   * the order it shows them, each once (apply the agent system's own de-duplication).
   */
  received(conversationId: string): Promise<readonly string[]>;
  /**
   * The patient's files the agent side was given (`patientAttachment`), once each, in order:
   * what each is and the link to fetch it. Leave it out for an adapter that takes no files;
   * the suite then skips that case.
   */
  receivedFiles?(conversationId: string): Promise<readonly AgentSideFile[]>;
  /**
   * The agent sends the patient a file (`externalId`: the agent system's id for it; the suite
   * repeats one to play a retried delivery). Leave it out for an adapter that cannot send
   * files; the suite then skips that case.
   */
  sendFile?(conversationId: string, externalId: string, file: AgentSideUpload): Promise<void>;
}

/** A file the agent side sends to the patient. */
export interface AgentSideUpload {
  name: string;
  bytes: Uint8Array;
}

/** A patient's file as the agent side shows it. */
export interface AgentSideFile {
  name: string;
  contentType: string;
  size: number;
  url: string;
}

/** What the suite's `createAdapter` returns: a fresh adapter, its agent side, a cleanup. */
export interface AdapterFixture {
  adapter: HandoffAdapter;
  agentSide: AdapterAgentSide;
  /** Close what the fixture opened (servers, bots, databases). Runs after `adapter.stop()`. */
  cleanup?(): Promise<void>;
}

export interface TestHandoffAdapterOptions {
  /** Shown in the suite's title; default the adapter's `name`. */
  name?: string;
  /** How long to wait for an expected report or delivery; default 5000 ms. */
  timeoutMs?: number;
}

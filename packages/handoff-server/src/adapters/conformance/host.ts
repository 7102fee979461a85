import {
  AgentInfo,
  type ConversationState,
  EndReason,
  type FallbackOption,
  type HandoffFailureReason,
  QueueStatus,
  Seq,
} from '@baton/handoff-protocol';
import { HandoffServerError } from '../../internal/errors';
import type {
  AdapterAgentAttachment,
  AdapterAgentMessage,
  AdapterCloseReason,
  AdapterHost,
  AdapterLogger,
  AdapterTransfer,
} from '../contract';
import {
  AgentMessageInput,
  type CommittedAgentFile,
  type CommittedAgentMessage,
  FailureInput,
  type HostConversation,
  type HostLogEntry,
  type HostReport,
  type HostReportKind,
  move,
  parse,
  TransferInput,
} from './host-rules';

export type {
  CommittedAgentFile,
  CommittedAgentMessage,
  HostLogEntry,
  HostReport,
  HostReportKind,
} from './host-rules';

/**
 * An {@link AdapterHost} for tests that applies the rules the real engine applies: inputs are
 * validated with the protocol schemas, every state change goes through the protocol's state
 * machine, `agentMessage` is idempotent by `externalId`, and nothing is accepted for a
 * conversation the server has closed. Each call is recorded; refused ones are `rejected`
 * reports (and reject the adapter's promise with a `HandoffServerError`, as the engine does).
 */
export class ConformanceHost implements AdapterHost {
  readonly logs: HostLogEntry[] = [];
  readonly log: AdapterLogger;
  private readonly records = new Map<string, HostConversation>();
  private readonly history: HostReport[] = [];
  private readonly files = new Map<string, CommittedAgentFile[]>();
  private readonly listeners = new Set<() => void>();

  constructor() {
    const entry =
      (level: HostLogEntry['level']) => (fields: Record<string, unknown>, msg: string) => {
        this.logs.push({ level, fields, msg });
      };
    this.log = {
      debug: entry('debug'),
      info: entry('info'),
      warn: entry('warn'),
      error: entry('error'),
    };
  }

  /** The server side: a handoff was requested (the engine does this before `adapter.handoff`). */
  open(conversationId: string): void {
    if (this.records.has(conversationId)) throw new Error(`conversation ${conversationId} exists`);
    this.records.set(conversationId, {
      state: 'handoff_requested',
      closedBy: null,
      agent: null,
      lastSeq: 0,
      messages: [],
    });
  }

  /** The server side: the conversation is over (the engine does this before `conversationClosed`). */
  close(conversationId: string, reason: AdapterCloseReason): void {
    const record = this.require(conversationId);
    record.closedBy = reason;
  }

  /** The server side: the next patient `seq` (patient and agent messages share one sequence). */
  nextSeq(conversationId: string): number {
    const record = this.require(conversationId);
    record.lastSeq += 1;
    return record.lastSeq;
  }

  state(conversationId: string): ConversationState | undefined {
    return this.records.get(conversationId)?.state;
  }

  agent(conversationId: string): AgentInfo | null {
    return this.records.get(conversationId)?.agent ?? null;
  }

  agentMessages(conversationId: string): readonly CommittedAgentMessage[] {
    return this.records.get(conversationId)?.messages ?? [];
  }

  reports(conversationId?: string): readonly HostReport[] {
    return conversationId === undefined
      ? [...this.history]
      : this.history.filter((report) => report.conversationId === conversationId);
  }

  /** Reports the engine would have refused. A conforming adapter makes none. */
  violations(): readonly HostReport[] {
    return this.history.filter((report) => report.outcome === 'rejected');
  }

  /**
   * Resolves once `condition` holds, re-checked after every report; rejects after
   * `timeoutMs` with `what` in the message. Leaves no timer behind.
   */
  waitFor(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
    if (condition()) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!condition()) return;
        clearTimeout(timer);
        this.listeners.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.listeners.delete(check);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      this.listeners.add(check);
    });
  }

  async queued(conversationId: string, status: QueueStatus): Promise<void> {
    this.report(conversationId, 'queued', status, (record) => {
      parse(QueueStatus, status);
      if (record.state !== 'queued') move(record, 'enqueue');
      return 'applied';
    });
  }

  async agentJoined(conversationId: string, agent: AgentInfo): Promise<void> {
    this.report(conversationId, 'agentJoined', agent, (record) => {
      const joined = parse(AgentInfo, agent);
      if (record.state === 'assigned' && record.agent?.id === joined.id) return 'duplicate';
      move(record, 'assign');
      record.agent = joined;
      return 'applied';
    });
  }

  async agentMessage(
    conversationId: string,
    message: AdapterAgentMessage,
  ): Promise<{ seq: number }> {
    let seq = -1;
    this.report(conversationId, 'agentMessage', message, (record) => {
      const input = parse(AgentMessageInput, message);
      const seen = record.messages.find((m) => m.externalId === input.externalId);
      if (seen) {
        seq = seen.seq;
        return 'duplicate';
      }
      if (record.state !== 'assigned') {
        throw new HandoffServerError(
          'illegal_transition',
          `agentMessage is not allowed in state "${record.state}"`,
        );
      }
      record.lastSeq += 1;
      seq = record.lastSeq;
      record.messages.push({ ...input, seq });
      return 'applied';
    });
    return { seq };
  }

  /** Files committed for a conversation (`agentAttachment`), once per `externalId`. */
  agentFiles(conversationId: string): readonly CommittedAgentFile[] {
    return this.files.get(conversationId) ?? [];
  }

  async agentAttachment(
    conversationId: string,
    file: AdapterAgentAttachment,
  ): Promise<{ seq: number }> {
    let seq = -1;
    const { bytes: _bytes, ...detail } = file;
    this.report(conversationId, 'agentAttachment', detail, (record) => {
      const committed = this.files.get(conversationId) ?? [];
      const seen = committed.find((f) => f.externalId === file.externalId);
      if (seen) {
        seq = seen.seq;
        return 'duplicate';
      }
      if (!(file.bytes instanceof Uint8Array) || file.bytes.byteLength === 0 || !file.name)
        throw new HandoffServerError('invalid_report', 'invalid file report');
      if (record.state !== 'assigned')
        throw new HandoffServerError('illegal_transition', `not allowed in "${record.state}"`);
      record.lastSeq += 1;
      seq = record.lastSeq;
      const { externalId, name, bytes } = file;
      this.files.set(conversationId, [...committed, { externalId, name, size: bytes.length, seq }]);
      return 'applied';
    });
    return { seq };
  }

  agentTyping(conversationId: string, active: boolean): void {
    this.signal(conversationId, 'agentTyping', active, typeof active === 'boolean');
  }

  agentRead(conversationId: string, upToSeq: number): void {
    this.signal(conversationId, 'agentRead', upToSeq, Seq.safeParse(upToSeq).success);
  }

  async ended(conversationId: string, reason: EndReason): Promise<void> {
    this.report(conversationId, 'ended', reason, (record) => {
      parse(EndReason, reason);
      move(record, 'end');
      return 'applied';
    });
  }

  async failed(
    conversationId: string,
    failure: { reason: HandoffFailureReason; fallbacks?: readonly FallbackOption[] },
  ): Promise<void> {
    this.report(conversationId, 'failed', failure, (record) => {
      parse(FailureInput, failure);
      move(record, 'fail');
      return 'applied';
    });
  }

  async returnToBot(conversationId: string): Promise<void> {
    this.report(conversationId, 'returnToBot', null, (record) => {
      move(record, 'return_to_bot');
      return 'applied';
    });
  }

  async transferred(conversationId: string, to: AdapterTransfer): Promise<void> {
    this.report(conversationId, 'transferred', to, (record) => {
      const input = parse(TransferInput, to);
      if (input.kind === 'agent' && input.agent.id === record.agent?.id) {
        throw new HandoffServerError('illegal_transition', 'Transfer to the agent holding it.');
      }
      move(record, input.kind === 'agent' ? 'transfer_to_agent' : 'transfer_to_queue');
      record.agent = input.kind === 'agent' ? input.agent : null;
      return 'applied';
    });
  }

  private report(
    conversationId: string,
    kind: HostReportKind,
    detail: unknown,
    apply: (record: HostConversation) => 'applied' | 'duplicate',
  ): void {
    try {
      const record = this.records.get(conversationId);
      if (!record) throw new HandoffServerError('not_found', 'Unknown conversation.');
      if (record.closedBy !== null) {
        throw new HandoffServerError('illegal_transition', `The conversation is closed.`);
      }
      const outcome = apply(record);
      this.record({ conversationId, kind, detail, outcome });
    } catch (error) {
      const failure = HandoffServerError.is(error)
        ? error
        : new HandoffServerError('invalid_report', undefined, { cause: error });
      this.record({ conversationId, kind, detail, outcome: 'rejected', error: failure });
      throw failure;
    }
  }

  private signal(conversationId: string, kind: HostReportKind, detail: unknown, valid: boolean) {
    const record = this.records.get(conversationId);
    const live = record !== undefined && record.closedBy === null && record.state === 'assigned';
    this.record({ conversationId, kind, detail, outcome: valid && live ? 'applied' : 'ignored' });
  }

  private record(report: HostReport): void {
    this.history.push(report);
    for (const listener of [...this.listeners]) listener();
  }

  private require(conversationId: string): HostConversation {
    const record = this.records.get(conversationId);
    if (!record) throw new Error(`unknown conversation ${conversationId}`);
    return record;
  }
}

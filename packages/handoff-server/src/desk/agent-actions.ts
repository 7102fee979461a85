import { ackMessage, BatonProtocolError } from '@baton/handoff-protocol';
import type { AgentDeskActions, DeskServerLink } from '../adapters/agent-desk-port';
import type { AdapterHost } from '../adapters/contract';
import {
  type AgentAckFrame,
  type AgentFrame,
  agentInfoOf,
  refuse,
  type StaffPrincipal,
} from '../adapters/desk-host';
import { HandoffServerError } from '../internal/errors';
import type { ConversationStore } from '../storage/contract';
import type { AgentRecord, ConversationRecord } from '../storage/records';
import { agentInfoOfRecord } from './views';

const TAKEN = 'The conversation is no longer waiting: someone else took it';

/**
 * The desk's agent-facing side: what an agent in the console does (claim, write, type, read,
 * end, return to the bot, transfer), checked against the access policy and the desk's own
 * rules (presence, capacity), then reported through the `AdapterHost` like any adapter's
 * agent system. The engine commits; an agent's `ack` carries the `seq` the host returned.
 */
export class DeskAgentActions implements AgentDeskActions {
  readonly #store: ConversationStore;
  readonly #host: () => AdapterHost | undefined;
  readonly #link: () => DeskServerLink | undefined;

  constructor(
    store: ConversationStore,
    host: () => AdapterHost | undefined,
    link: () => DeskServerLink | undefined,
  ) {
    this.#store = store;
    this.#host = host;
    this.#link = link;
  }

  /** Accept a queued conversation. Of concurrent claims exactly one wins (the engine's compare-and-set). */
  async claim(staff: StaffPrincipal, conversationId: string): Promise<void> {
    const { host, link } = this.#ready();
    // Access first, read once: someone not entitled learns nothing (not even that it exists)
    // and is audited; someone entitled while it waited, who lost the race, gets `conflict`.
    const current = await this.#store.getConversation(conversationId);
    if (current && current.state !== 'queued') {
      const waiting = { ...current, state: 'queued' as const, assignedAgentId: null };
      if (link.allows(staff, waiting, 'claim')) throw refuse.conflict(TAKEN);
      await link.authorizeRecord(staff, conversationId, waiting, 'claim');
    }
    await link.authorizeRecord(staff, conversationId, current, 'claim');
    await this.#checkAvailable(staff.staffId);
    await report(host.agentJoined(conversationId, agentInfoOf(staff)), TAKEN);
  }

  async message(staff: StaffPrincipal, frame: AgentFrame<'message'>): Promise<AgentAckFrame> {
    const { host, link } = this.#ready();
    const { conversationId, clientMessageId } = frame;
    const conversation = await link.authorize(staff, conversationId, 'message');
    if (conversation.state !== 'assigned') {
      const earlier = await link.committed(conversationId, clientMessageId);
      if (!earlier) throw refuse.illegal(conversation.state, 'message');
      if (earlier.senderId !== staff.staffId) throw refuse.conflict('clientMessageId already used');
      return ackMessage(conversationId, clientMessageId, earlier.seq);
    }
    const { seq } = await report(
      host.agentMessage(conversationId, {
        externalId: clientMessageId,
        text: frame.text,
        ...(frame.textFormat ? { textFormat: frame.textFormat } : {}),
        agent: agentInfoOf(staff),
      }),
    );
    return ackMessage(conversationId, clientMessageId, seq);
  }

  async typing(staff: StaffPrincipal, frame: AgentFrame<'typing'>): Promise<void> {
    const { host } = this.#ready();
    if (await this.#holds(staff, frame.conversationId))
      host.agentTyping(frame.conversationId, frame.active);
  }

  async read(staff: StaffPrincipal, frame: AgentFrame<'read'>): Promise<void> {
    const { host } = this.#ready();
    if (await this.#holds(staff, frame.conversationId))
      host.agentRead(frame.conversationId, frame.upToSeq);
  }

  async end(staff: StaffPrincipal, frame: AgentFrame<'conversation.end'>): Promise<void> {
    const { host, link } = this.#ready();
    const conversation = await link.authorize(staff, frame.conversationId, 'end');
    if (conversation.state !== 'assigned')
      throw refuse.illegal(conversation.state, 'conversation.end');
    await report(host.ended(frame.conversationId, frame.reason));
  }

  async returnToBot(staff: StaffPrincipal, conversationId: string): Promise<void> {
    const { host, link } = this.#ready();
    await link.authorize(staff, conversationId, 'end');
    await report(host.returnToBot(conversationId));
  }

  async transfer(staff: StaffPrincipal, frame: AgentFrame<'conversation.transfer'>): Promise<void> {
    const { host, link } = this.#ready();
    const { target } = frame;
    const targetId = target.kind === 'agent' ? target.agentId : target.queue;
    const conversation = await link.authorize(staff, frame.conversationId, 'transfer', {
      targetId,
    });
    if (conversation.state !== 'assigned' || !conversation.assignedAgentId) {
      throw refuse.illegal(conversation.state, 'conversation.transfer');
    }
    if (target.kind === 'queue') {
      await report(host.transferred(conversation.id, { kind: 'queue', queue: target.queue }));
      return;
    }
    const agent = await this.#store.getAgent(target.agentId);
    if (!agent) throw refuse.invalid('Unknown target agent');
    await checkTransferTarget(agent, conversation);
    await report(
      host.transferred(conversation.id, {
        kind: 'agent',
        agent: agentInfoOfRecord(agent),
        ...(frame.note ? { note: frame.note } : {}),
      }),
      'The conversation changed meanwhile; try again',
    );
  }

  /**
   * Presence `available` and a free slot, per the desk's agent records. Refused with
   * `forbidden` and `issues[0].path` `presence` or `capacity`: distinct from a lost race
   * (`conflict`) and from a policy denial (`forbidden` without issues).
   */
  async #checkAvailable(agentId: string): Promise<void> {
    const agent = await this.#store.getAgent(agentId);
    if (!agent) return;
    if (agent.presence !== 'available') {
      throw refuse.notReady(
        'presence',
        'Set your presence to available before accepting',
        'must be available',
      );
    }
    if (agent.activeCount >= agent.capacity) {
      throw refuse.notReady(
        'capacity',
        'You are at capacity: end a conversation first',
        `no free slot (capacity ${agent.capacity})`,
      );
    }
  }

  async #holds(staff: StaffPrincipal, conversationId: string): Promise<boolean> {
    const { link } = this.#ready();
    const conversation = await link.authorize(staff, conversationId, 'message');
    return conversation.state === 'assigned';
  }

  #ready(): { host: AdapterHost; link: DeskServerLink } {
    const host = this.#host();
    const link = this.#link();
    if (!host || !link) {
      throw new BatonProtocolError('unavailable', 'The agent desk is not in use on this server');
    }
    return { host, link };
  }
}

/** Awaits a host report; turns the host's refusals into the wire errors agents understand. */
async function report<T>(pending: Promise<T>, conflictMessage?: string): Promise<T> {
  try {
    return await pending;
  } catch (error) {
    if (!HandoffServerError.is(error)) throw error;
    switch (error.code) {
      case 'illegal_transition':
        throw conflictMessage
          ? refuse.conflict(conflictMessage)
          : new BatonProtocolError(
              'illegal_transition',
              'Not allowed in the conversation’s current state',
            );
      case 'not_found':
        throw refuse.forbidden();
      case 'conflict':
        throw refuse.conflict('clientMessageId already used for a different message');
      case 'shutting_down':
        throw refuse.unavailable();
      case 'invalid_report':
        throw refuse.invalid('The message failed validation');
      default:
        throw error;
    }
  }
}

/**
 * A transfer to a named agent goes only to someone who serves the conversation's queue, is
 * available and has a free slot: refused with `forbidden` and `issues[0].path`
 * `target.queue`, `target.presence` or `target.capacity`.
 */
async function checkTransferTarget(agent: AgentRecord, conversation: ConversationRecord) {
  const no = (path: string, message: string) =>
    new BatonProtocolError('forbidden', message, { details: { issues: [{ path, message }] } });
  if (conversation.queue !== null && !agent.queues.includes(conversation.queue))
    throw no('target.queue', 'The agent does not serve this conversation’s queue');
  if (agent.presence !== 'available') throw no('target.presence', 'The agent is not available');
  if (agent.activeCount >= agent.capacity)
    throw no('target.capacity', 'The agent has no free slot');
}

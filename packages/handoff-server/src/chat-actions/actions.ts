import {
  type ChatActionSet,
  type ServerToAgent,
  type StaffCandidate,
  serverToAgentMessage,
} from '@baton/handoff-protocol';
import { hasRole, type StaffPrincipal } from '../auth/principal';
import type { ConversationEngine } from '../engine/engine';
import type { AgentFrame } from '../engine/frames';
import { refuse } from '../engine/refusals';
import type { AgentRecord, ConversationRecord } from '../storage/records';
import { FINISHED_STATES } from '../storage/records';
import type { ChatActionsConfig } from './config';
import { offerableSlots } from './providers';

export interface ChatActionsDeps {
  engine: ConversationEngine;
  /** Queues a conversation may be transferred to. */
  knownQueues: () => Promise<string[]>;
  config: ChatActionsConfig;
  now?: () => number;
}

const PRESENCE_ORDER = { available: 0, busy: 1, away: 2, offline: 3 } as const;

function candidate(agent: AgentRecord): StaffCandidate {
  return {
    agent: { id: agent.id, displayName: agent.displayName.slice(0, 100) || agent.id },
    // The store keeps `online`; on the wire it is `available` (or `busy` when full).
    presence:
      agent.presence === 'available'
        ? agent.activeCount >= agent.capacity
          ? 'busy'
          : 'available'
        : agent.presence,
    queues: agent.queues.slice(0, 50),
    load: agent.activeCount,
    capacity: agent.capacity,
  };
}

/** Online first (available, then busy, away), then the least loaded. */
function byReadiness(a: StaffCandidate, b: StaffCandidate): number {
  return (
    PRESENCE_ORDER[a.presence] - PRESENCE_ORDER[b.presence] ||
    a.load / Math.max(1, a.capacity) - b.load / Math.max(1, b.capacity) ||
    a.agent.displayName.localeCompare(b.agent.displayName)
  );
}

/**
 * What an agent may do in a conversation she holds, from the server's configuration
 * (`actions.list` → `actions.available`), and the wrap-up she records when it ends.
 */
export class ChatActions {
  readonly #deps: ChatActionsDeps;

  constructor(deps: ChatActionsDeps) {
    this.#deps = deps;
  }

  async list(
    staff: StaffPrincipal,
    frame: AgentFrame<'actions.list'>,
  ): Promise<Extract<ServerToAgent, { type: 'actions.available' }>> {
    const { engine, config } = this.#deps;
    const now = this.#deps.now?.() ?? Date.now();
    const conversation = await engine.agent.authorize(staff, frame.conversationId, 'message');
    const everyone = await engine.store.listAgents();
    const others = everyone
      .filter((a) => a.id !== staff.staffId && a.presence !== 'offline')
      .map(candidate)
      .sort(byReadiness);
    const queue = conversation.queue;
    const saved = await engine.store.getWrapUp(conversation.id);
    const actions: ChatActionSet = {
      survey: true,
      transfer: {
        agents: others.filter((a) => queue === null || a.queues.includes(queue)).slice(0, 200),
        queues: [
          ...new Set([...(await this.#deps.knownQueues()), ...everyone.flatMap((a) => a.queues)]),
        ].slice(0, 50),
      },
      consult: { agents: others.slice(0, 200) },
      wrapUp: {
        dispositions: [...config.dispositions],
        ...(saved ? { saved: { disposition: saved.disposition, summary: saved.summary } } : {}),
      },
    };
    const files = engine.attachments.policy();
    if (files) actions.attachments = files;
    if (config.appointments)
      actions.appointment = {
        slots: await offerableSlots(engine.followups.scheduling, now, config.slotWindowMs),
      };
    return serverToAgentMessage('actions.available', {
      conversationId: conversation.id,
      actions,
    });
  }

  /** Stores the wrap-up: the holder (or last holder, once it ended) or a supervisor. */
  async wrapUp(
    staff: StaffPrincipal,
    frame: AgentFrame<'conversation.wrap_up'>,
  ): Promise<Extract<ServerToAgent, { type: 'wrap_up.saved' }>> {
    const { engine, config } = this.#deps;
    const current = await engine.store.getConversation(frame.conversationId);
    const action = current && FINISHED_STATES.has(current.state) ? 'view' : 'message';
    const conversation: ConversationRecord = await engine.agent.authorizeRecord(
      staff,
      frame.conversationId,
      current,
      action,
    );
    if (conversation.state !== 'assigned' && !FINISHED_STATES.has(conversation.state))
      throw refuse.illegal(conversation.state, 'conversation.wrap_up');
    if (!config.dispositions.some((d) => d.code === frame.wrapUp.disposition))
      throw refuse.invalid('Unknown disposition code');
    const agentId =
      hasRole(staff, 'supervisor') && conversation.assignedAgentId
        ? conversation.assignedAgentId
        : staff.staffId;
    await engine.store.saveWrapUp({
      conversationId: conversation.id,
      agentId,
      queue: conversation.queue,
      disposition: frame.wrapUp.disposition,
      summary: frame.wrapUp.summary,
    });
    return serverToAgentMessage('wrap_up.saved', {
      conversationId: conversation.id,
      wrapUp: frame.wrapUp,
    });
  }
}

import type { Namespace } from 'socket.io';
import type { AgentDeskPort } from '../adapters/agent-desk-port';
import type { ConversationEngine } from '../engine/engine';
import type { EngineLogger } from '../engine/types';
import { rooms } from './rooms';

/** Sockets cut because an administrator changed her roles or queues (see staff-refresh). */
export const REASSIGNED_ROOM = 'staff-reassigned';

/**
 * The durable deadline (a row in the store's schedules, keyed by the staff id) of a console cut
 * for a reassignment: claimed by one node, it survives a restart of the node that armed it.
 */
export const AGENT_RETURN_KIND = 'agent-return';

export interface AgentDepartureOptions {
  namespace: Namespace;
  desk: Pick<AgentDeskPort, 'setPresence'>;
  engine: Pick<ConversationEngine, 'agentGone' | 'scheduler' | 'timeouts'>;
  logger: EngineLogger;
}

/** Whether she has no socket left on any node (the adapter asks every node). */
function noSocketLeft(namespace: Namespace, staffId: string): Promise<boolean> {
  return namespace
    .in(rooms.agent(staffId))
    .fetchSockets()
    .then((left) => left.length === 0);
}

/**
 * Registers what the `agent-return` deadline does on this node: she is offline unless a socket
 * of hers is back on some node. A failure (a node did not answer) leaves the row to run again.
 */
export function handleAgentReturns(options: AgentDepartureOptions): void {
  const { namespace, desk, engine } = options;
  engine.scheduler.handle(AGENT_RETURN_KIND, async (staffId) => {
    if (await noSocketLeft(namespace, staffId)) await desk.setPresence(staffId, 'offline');
  });
}

/**
 * An agent's socket closed. With none of hers left on any node she is offline and her
 * conversations get their grace timers. A socket the server cut for a reassignment is different:
 * her console reconnects at once with a fresh token, so her presence is kept (the Agents list
 * and the dashboard do not flash Offline); only if she is not back within the window does she
 * show offline (the `agent-return` deadline, see `handleAgentReturns`).
 */
export function agentDeparted(
  options: AgentDepartureOptions,
  staffId: string,
  reassigned: boolean,
): void {
  const { namespace, desk, engine, logger } = options;
  const warn = () => logger.warn({ agentId: staffId }, 'agent departure not recorded');
  if (!reassigned) {
    noSocketLeft(namespace, staffId)
      .then(async (none) => {
        if (!none) return;
        await desk.setPresence(staffId, 'offline');
        await engine.agentGone(staffId);
      })
      .catch(warn);
    return;
  }
  engine.scheduler.set(AGENT_RETURN_KIND, staffId, engine.timeouts.agentReturnMs);
  noSocketLeft(namespace, staffId)
    .then((none) => (none ? engine.agentGone(staffId) : undefined))
    .catch(warn);
}

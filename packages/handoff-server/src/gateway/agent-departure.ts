import type { Namespace } from 'socket.io';
import type { AgentDeskPort } from '../adapters/agent-desk-port';
import type { ConversationEngine } from '../engine/engine';
import type { EngineLogger } from '../engine/types';
import { rooms } from './rooms';

/** Sockets cut because an administrator changed her roles or queues (see staff-refresh). */
export const REASSIGNED_ROOM = 'staff-reassigned';

/** How long a console cut for a reassignment has to come back before she shows offline. */
export const REASSIGNED_RETURN_MS = 15_000;

export interface AgentDepartureOptions {
  namespace: Namespace;
  desk: Pick<AgentDeskPort, 'setPresence'>;
  engine: Pick<ConversationEngine, 'agentGone'>;
  logger: EngineLogger;
  returnWindowMs?: number;
}

/**
 * An agent's socket closed. With none of hers left on any node she is offline and her
 * conversations get their grace timers. A socket the server cut for a reassignment is different:
 * her console reconnects at once with a fresh token, so her presence is kept (the Agents list
 * and the dashboard do not flash Offline); only if she is not back within the window does she
 * show offline.
 */
export function agentDeparted(
  options: AgentDepartureOptions,
  staffId: string,
  reassigned: boolean,
): void {
  const { namespace, desk, engine, logger } = options;
  const gone = () =>
    namespace
      .in(rooms.agent(staffId))
      .fetchSockets()
      .then((left) => left.length === 0);
  const offline = async () => {
    if (await gone()) await desk.setPresence(staffId, 'offline');
  };
  const warn = () => logger.warn({ agentId: staffId }, 'agent departure not recorded');
  if (!reassigned) {
    gone()
      .then(async (none) => {
        if (!none) return;
        await desk.setPresence(staffId, 'offline');
        await engine.agentGone(staffId);
      })
      .catch(warn);
    return;
  }
  gone()
    .then((none) => (none ? engine.agentGone(staffId) : undefined))
    .catch(warn);
  const timer = setTimeout(
    () => void offline().catch(warn),
    options.returnWindowMs ?? REASSIGNED_RETURN_MS,
  );
  timer.unref?.();
}

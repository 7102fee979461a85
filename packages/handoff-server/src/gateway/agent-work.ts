import { type ServerToAgent, serverToAgentMessage } from '@baton/handoff-protocol';
import type { Namespace, Socket } from 'socket.io';
import { auditRole, type StaffPrincipal } from '../auth/principal';
import type { StaffSessions } from '../auth/staff-session';
import type { ConversationEngine } from '../engine/engine';
import type { EngineLogger } from '../engine/types';
import type { HandshakeAudit } from './handshake';

type Assignments = Extract<ServerToAgent, { type: 'agent.assignments' }>;
type Assignment = Assignments['assignments'][number];

/** The most an `agent.assignments` frame lists (an agent's capacity is far lower). */
const MAX_ASSIGNMENTS = 100;

/**
 * Everything an agent holds, for `agent.assignments`: the work lives in the store, so a
 * reload or a second device gets it back. The caller sends it through the staff-view filter
 * (`staffFrame`), which trims each request to the recipient's clearance.
 */
export async function agentAssignments(
  engine: ConversationEngine,
  staff: StaffPrincipal,
): Promise<Assignments> {
  const held = await engine.store.listConversations({
    states: ['assigned'],
    assignedAgentId: staff.staffId,
  });
  const agentRecord = await engine.store.getAgent(staff.staffId);
  const agent = {
    id: staff.staffId,
    displayName: (agentRecord?.displayName ?? staff.displayName).slice(0, 100),
  };
  const assignments: Assignment[] = [];
  for (const conversation of held.slice(0, MAX_ASSIGNMENTS)) {
    const request = await engine.fullRequest(conversation.id);
    if (!request) continue;
    // The transcript goes to a new socket of hers: a disclosure, audited like an open.
    await engine.store.appendAudit({
      action: 'transcript.view',
      outcome: 'allowed',
      actorId: staff.staffId,
      actorRole: auditRole(staff),
      conversationId: conversation.id,
      patientId: conversation.patientId,
      reason: 'holder',
    });
    const log = await engine.log(conversation.id);
    assignments.push({
      conversationId: conversation.id,
      state: conversation.state,
      lastSeq: log.at(-1)?.seq ?? 0,
      agent,
      request,
      ...(conversation.queue ? { queue: conversation.queue } : {}),
    });
  }
  return serverToAgentMessage('agent.assignments', { assignments });
}

/**
 * Sockets opened with a token exchanged from a cookie session live only as long as the
 * session: refused at the handshake once it ended (sign-out, automatic logoff), and checked
 * again periodically so an idle logoff disconnects them.
 */
export function watchStaffSessions(
  namespace: Namespace,
  sessions: StaffSessions,
  logger: EngineLogger,
  audit?: HandshakeAudit,
): void {
  const everyMs = Math.max(1000, Math.min(30_000, Math.floor(sessions.idleLogoffMs / 4)));
  namespace.use((socket: Socket, next: (err?: Error) => void) => {
    const staff = socket.data.principal as StaffPrincipal | undefined;
    const sessionId = staff?.sessionId;
    if (!staff || !sessionId) return next();
    sessions.alive(sessionId).then(
      (alive) => {
        if (alive) return next();
        logger.info({ namespace: namespace.name, reason: 'session_ended' }, 'handshake refused');
        audit
          ?.appendAudit({
            action: 'auth.handshake',
            outcome: 'denied',
            actorId: staff.staffId,
            actorRole: auditRole(staff),
            reason: 'session_ended',
          })
          .catch(() => logger.warn({ namespace: namespace.name }, 'handshake audit failed'));
        const error = new Error('unauthorized') as Error & { data?: unknown };
        error.data = { code: 'unauthorized' };
        next(error);
      },
      () => next(new Error('unavailable')),
    );
  });
  namespace.on('connection', (socket: Socket) => {
    const sessionId = (socket.data.principal as StaffPrincipal).sessionId;
    if (!sessionId) return;
    const timer = setInterval(() => {
      sessions
        .alive(sessionId)
        .then((alive) => {
          if (!alive) socket.disconnect(true);
        })
        .catch(() => undefined);
    }, everyMs);
    timer.unref();
    socket.on('disconnect', () => clearInterval(timer));
  });
}

/** `staff.profile`: her roles and queues as the server assigns them (sent first on connect). */
export function staffProfileFrame(staff: StaffPrincipal) {
  return serverToAgentMessage('staff.profile', {
    staffId: staff.staffId,
    displayName: staff.displayName,
    roles: [...staff.roles],
    queues: [...staff.queues],
    clinical: staff.clinical,
    source: staff.assignmentSource ?? 'token',
  });
}

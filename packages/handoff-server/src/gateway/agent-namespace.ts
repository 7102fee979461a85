import {
  type AgentToServer,
  BatonProtocolError,
  parseAgentMessage,
  type ServerToAgent,
  serverToAgentMessage,
} from '@baton/handoff-protocol';
import type { Namespace, Socket } from 'socket.io';
import type { AgentDeskPort } from '../adapters/agent-desk-port';
import { auditRole, hasRole, type StaffPrincipal } from '../auth/principal';
import type { StaffSessions } from '../auth/staff-session';
import { clearanceOf, staffFrame } from '../auth/staff-view';
import { ChatActions } from '../chat-actions/actions';
import { type ChatActionsConfig, DEFAULT_CHAT_ACTIONS } from '../chat-actions/config';
import { Consultations } from '../chat-actions/consultations';
import { AgentContent } from '../content/agent-content';
import type { ConversationEngine } from '../engine/engine';
import type { EngineLogger } from '../engine/types';
import { agentDeparted, handleAgentReturns, REASSIGNED_ROOM } from './agent-departure';
import { agentAssignments, staffProfileFrame, watchStaffSessions } from './agent-work';
import { frameServer } from './connection';
import { consultRooms } from './consult-rooms';
import type { SubjectBudgets } from './fair-use';
import { accessRoomsOf } from './room-access';
import { broadcastToStaff, FRAME_EVENT, rooms } from './rooms';

export interface AgentNamespaceOptions {
  engine: ConversationEngine;
  /** The agent system agents act through (the built-in desk by default). */
  desk: AgentDeskPort;
  logger: EngineLogger;
  budgets: SubjectBudgets;
  onFairUse?: (reason: 'unsent' | 'flood') => void;
  onFrameError?: (code: string) => void;
  /** Cookie sessions: a socket of an ended or idle session is refused and disconnected. */
  sessions?: StaffSessions;
  /** Chat actions offered to agents (call link, slots, dispositions). */
  chatActions?: ChatActionsConfig;
}

const isSupervisor = (staff: StaffPrincipal) => hasRole(staff, 'supervisor');

/** `/agent`: agents, supervisors and admins, each acting under the access policy. */
export function serveAgents(namespace: Namespace, options: AgentNamespaceOptions): void {
  const { engine, desk, logger } = options;
  if (options.sessions) watchStaffSessions(namespace, options.sessions, logger, engine.store);
  handleAgentReturns({ namespace, desk, engine, logger });
  const content = new AgentContent({
    store: engine.store,
    authorizeView: (staff, conversationId) => engine.agent.authorize(staff, conversationId, 'view'),
    broadcast: (frame) => namespace.emit(FRAME_EVENT, frame),
  });
  const chatActions = new ChatActions({
    engine,
    knownQueues: () => desk.knownQueues(),
    config: options.chatActions ?? DEFAULT_CHAT_ACTIONS,
  });
  const consultations = new Consultations({
    engine,
    toAgent: (agentId, frame) => broadcastToStaff(namespace.to(rooms.agent(agentId)), frame),
  });
  /** Each staff socket's handler (her presence and clearance are hers). */
  const handlers = new WeakMap<Socket, (frame: AgentToServer) => Promise<void>>();
  const serve = frameServer({
    parse: parseAgentMessage,
    handle: (socket, frame) => handlers.get(socket)?.(frame) ?? Promise.resolve(),
    subjectOf: (socket) => (socket.data.principal as StaffPrincipal).staffId,
    budgets: options.budgets,
    ...(options.onFairUse ? { onFairUse: options.onFairUse } : {}),
    logger,
    namespace: namespace.name,
    ...(options.onFrameError ? { onError: options.onFrameError } : {}),
  });
  namespace.on('connection', (socket: Socket) => {
    const staff = socket.data.principal as StaffPrincipal;
    const clearance = clearanceOf(staff);
    // The clearance room first: room broadcasts pick each socket's view by it.
    socket.join(rooms.clearance(clearance));
    socket.join([rooms.agent(staff.staffId), ...accessRoomsOf(staff)]);
    /** Every reply to this socket passes the same per-recipient filter as broadcasts. */
    const send = (frame: ServerToAgent) => socket.emit(FRAME_EVENT, staffFrame(clearance, frame));
    // First of all: who the server takes her to be (its assignment, not her token's claims).
    send(staffProfileFrame(staff));
    // Her presence is registered before any frame of hers is handled: a claim sent right
    // after connecting is judged on it, not on the presence of her last session.
    const registration = hasRole(staff, 'agent') ? desk.agentConnected(staff) : null;
    const registered = registration?.then(
      () => undefined,
      () => undefined,
    );
    if (registration) {
      // Back within her grace period: she keeps her conversations; she is told what she holds.
      registration
        .then(() => engine.agentBack(staff.staffId))
        .then(() => agentAssignments(engine, staff))
        .then((frame) => {
          if (socket.connected) send(frame);
        })
        .catch(() => logger.warn({ agentId: staff.staffId }, 'agent registration failed'));
    }
    // Cut for a reassignment (staff-refresh put her sockets in this room first): she is back soon.
    let reassigned = false;
    socket.on('disconnecting', () => {
      reassigned = socket.rooms.has(REASSIGNED_ROOM);
    });
    socket.on('disconnect', () => {
      if (hasRole(staff, 'agent'))
        agentDeparted({ namespace, desk, engine, logger }, staff.staffId, reassigned);
    });

    /** A refusal outside any conversation, audited like the policy's (ids and a code). */
    const refusedRole = (
      action: 'supervisor.subscribe' | 'presence' | 'queue.subscribe',
      targetId: string | null = null,
      reason = 'role_required',
    ) =>
      engine.store.appendAudit({
        action,
        outcome: 'denied',
        actorId: staff.staffId,
        actorRole: auditRole(staff),
        targetId,
        reason,
      });
    const handle = async (frame: AgentToServer): Promise<void> => {
      switch (frame.type) {
        case 'queue.subscribe': {
          const all = isSupervisor(staff);
          const queues = frame.queues
            ? frame.queues.filter((q) => all || staff.queues.includes(q))
            : all
              ? await desk.knownQueues()
              : [...staff.queues];
          // Queues asked for but not served: left out, and the refusal audited.
          for (const queue of frame.queues?.filter((q) => !queues.includes(q)) ?? [])
            await refusedRole('queue.subscribe', queue, 'not_in_agent_queue');
          if (all && !frame.queues) socket.join(rooms.allQueues);
          for (const queue of queues) socket.join(rooms.queue(queue));
          const items = await desk.queueSnapshot(queues);
          send(
            serverToAgentMessage('queue.snapshot', {
              items,
            }),
          );
          return;
        }
        case 'supervisor.subscribe':
          if (!isSupervisor(staff)) {
            await refusedRole('supervisor.subscribe');
            throw new BatonProtocolError('forbidden', 'Supervisors only');
          }
          socket.join(rooms.supervisors);
          send(await desk.supervisorSnapshot());
          return;
        case 'presence':
          if (!hasRole(staff, 'agent')) {
            await refusedRole('presence');
            throw new BatonProtocolError('forbidden', 'Agents only');
          }
          await desk.setPresence(staff.staffId, frame.presence);
          return;
        // Acting in a conversation goes to the desk, which reports through the AdapterHost.
        case 'conversation.claim':
          await desk.agents.claim(staff, frame.conversationId);
          return;
        case 'conversation.open':
          send(
            await engine.agent.open(staff, frame, {
              join: () => socket.join(rooms.conversation(frame.conversationId)),
              leave: () => socket.leave(rooms.conversation(frame.conversationId)),
            }),
          );
          // How far the patient has read, and her consultation threads about it, stored: a
          // reload shows them again.
          for (const read of await engine.agent.readMarkFrames(frame.conversationId)) send(read);
          for (const stored of await consultations.replay(staff, frame.conversationId))
            send(stored);
          return;
        case 'conversation.close':
          await engine.agent.close(staff, frame, {
            leave: () => consultRooms(socket, frame.conversationId).leave(),
          });
          return;
        case 'conversation.transfer':
          await desk.agents.transfer(staff, frame);
          return;
        case 'message':
          send(await desk.agents.message(staff, frame));
          return;
        case 'note':
          send(await engine.agent.note(staff, frame));
          return;
        case 'typing':
          await desk.agents.typing(staff, frame);
          return;
        case 'read':
          await desk.agents.read(staff, frame);
          return;
        case 'conversation.end':
          await desk.agents.end(staff, frame);
          return;
        case 'conversation.return_to_bot':
          await desk.agents.returnToBot(staff, frame.conversationId);
          return;
        case 'survey.offer':
          send(await engine.followups.surveyOffer(staff, frame));
          return;
        case 'appointment.offer':
          send(await engine.followups.appointmentOffer(staff, frame));
          return;
        case 'appointment.confirm':
          send(await engine.followups.appointmentConfirm(staff, frame));
          return;
        case 'call.offer':
          send(await engine.followups.callOffer(staff, frame));
          return;
        case 'followup.subscribe': {
          const queues = engine.worklist.queuesOf(staff);
          if (queues === null) socket.join(rooms.allWorklists);
          else for (const queue of queues) socket.join(rooms.worklist(queue));
          send(await engine.worklist.snapshot(staff));
          return;
        }
        case 'followup.claim':
          await engine.worklist.claim(staff, frame.itemId);
          return;
        case 'followup.open':
          send(await engine.worklist.open(staff, frame.itemId));
          return;
        case 'followup.close':
          await engine.worklist.close(staff, frame.itemId, frame.note);
          return;
        case 'content.list':
          send(await content.list(staff, frame));
          return;
        case 'content.save':
          await content.save(staff, frame);
          return;
        case 'content.retire':
          await content.retire(staff, frame);
          return;
        case 'actions.list':
          send(await chatActions.list(staff, frame));
          return;
        case 'conversation.wrap_up':
          send(await chatActions.wrapUp(staff, frame));
          return;
        case 'consult.request':
          await consultations.request(staff, frame);
          return;
        case 'consult.open':
          send(await consultations.open(staff, frame, consultRooms(socket, frame.conversationId)));
          for (const stored of await consultations.replay(staff, frame.conversationId))
            send(stored);
          return;
        case 'consult.message':
          await consultations.message(staff, frame);
          return;
        case 'patient.history':
          send(await engine.history.list(staff, frame));
          return;
        case 'patient.history.open':
          send(await engine.history.open(staff, frame));
          return;
        case 'conversation.whisper':
          send(await engine.supervisor.whisper(staff, frame));
          return;
        case 'conversation.barge':
          send(await engine.supervisor.barge(staff, frame));
          return;
        case 'attachment.upload':
          send(await engine.attachments.grant(staff, frame));
          return;
        case 'attachment.share':
          send(await engine.attachments.share(staff, frame));
          return;
        default: {
          const never: never = frame;
          throw new BatonProtocolError(
            'unknown_type',
            `Unknown frame ${String((never as { type?: unknown }).type)}`,
          );
        }
      }
    };
    // Until she is registered each frame waits for it; then frames go straight to `handle`
    // (the frame server still handles them one at a time, in order).
    let handleFrame = registered
      ? (frame: AgentToServer) => registered.then(() => handle(frame))
      : handle;
    void registered?.then(() => {
      handleFrame = handle;
    });
    handlers.set(socket, (frame) => handleFrame(frame));
    serve(socket);
  });
}

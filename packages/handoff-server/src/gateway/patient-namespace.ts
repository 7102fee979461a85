import {
  BatonProtocolError,
  type PatientToServer,
  parsePatientMessage,
} from '@baton/handoff-protocol';
import type { Namespace, Socket } from 'socket.io';
import { type PatientPrincipal, principalId } from '../auth/principal';
import type { ConversationEngine } from '../engine/engine';
import type { EngineLogger } from '../engine/types';
import { frameServer } from './connection';
import type { SubjectBudgets } from './fair-use';
import { FRAME_EVENT, rooms } from './rooms';

export interface PatientNamespaceOptions {
  engine: ConversationEngine;
  logger: EngineLogger;
  budgets: SubjectBudgets;
  onFairUse?: (reason: 'unsent' | 'flood') => void;
  onFrameError?: (code: string) => void;
}

/** `/patient`: one socket per widget; every frame acts on a conversation the patient owns. */
export function servePatients(namespace: Namespace, options: PatientNamespaceOptions): void {
  const { engine } = options;
  /** One handler for every socket (issue #11: no closures kept per idle connection). */
  const handle = async (socket: Socket, frame: PatientToServer): Promise<void> => {
    const patient = socket.data.principal as PatientPrincipal;
    const join = (conversationId: string) => () => {
      const room = rooms.conversation(conversationId);
      if (!socket.rooms.has(room)) socket.join(room);
    };
    switch (frame.type) {
      case 'handoff.request':
        socket.emit(
          FRAME_EVENT,
          await engine.patient.handoffRequest(patient, frame, join(frame.conversationId)),
        );
        socket.emit(FRAME_EVENT, engine.attachments.policyFrame(frame.conversationId));
        return;
      case 'message':
        socket.emit(
          FRAME_EVENT,
          await engine.patient.message(patient, frame, join(frame.conversationId)),
        );
        return;
      case 'typing':
        await engine.patient.typing(patient, frame);
        return;
      case 'read':
        await engine.patient.read(patient, frame);
        return;
      case 'leave':
        await engine.patient.leave(patient, frame);
        return;
      case 'resume': {
        const conversation = await engine.patient.authorize(patient, frame.conversationId);
        join(frame.conversationId)();
        const replayed = await engine.patient.replay(conversation, frame);
        for (const out of replayed) socket.emit(FRAME_EVENT, out);
        // While the handoff is live, what files may be shared (the paperclip's limits).
        const policy = engine.attachments.policyAfter(replayed.at(-1));
        if (policy) socket.emit(FRAME_EVENT, policy);
        return;
      }
      case 'survey.response':
        socket.emit(
          FRAME_EVENT,
          await engine.followups.surveyResponse(patient, frame, join(frame.conversationId)),
        );
        return;
      case 'appointment.select':
        socket.emit(
          FRAME_EVENT,
          await engine.followups.appointmentSelect(patient, frame, join(frame.conversationId)),
        );
        return;
      case 'appointment.cancel':
        socket.emit(
          FRAME_EVENT,
          await engine.followups.appointmentCancel(patient, frame, join(frame.conversationId)),
        );
        return;
      case 'appointment.reschedule':
        socket.emit(
          FRAME_EVENT,
          await engine.followups.appointmentReschedule(patient, frame, join(frame.conversationId)),
        );
        return;
      case 'fallback.select':
        socket.emit(
          FRAME_EVENT,
          await engine.followups.fallbackSelect(patient, frame, join(frame.conversationId)),
        );
        return;
      case 'transcript.append':
        socket.emit(
          FRAME_EVENT,
          await engine.patient.transcriptAppend(patient, frame, join(frame.conversationId)),
        );
        return;
      case 'bot.started':
        await engine.botSessions.started(patient, frame);
        return;
      case 'bot.activity':
        await engine.botSessions.activity(patient, frame);
        return;
      case 'bot.ended':
        await engine.botSessions.ended(patient, frame);
        // A socket that only reported the bot conversation (no conversation room) is done.
        if (socket.rooms.size <= 1) socket.disconnect(true);
        return;
      case 'attachment.upload':
        socket.emit(FRAME_EVENT, await engine.attachments.grant(patient, frame));
        return;
      case 'attachment.share':
        socket.emit(FRAME_EVENT, await engine.attachments.share(patient, frame));
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
  const serve = frameServer({
    parse: parsePatientMessage,
    handle,
    subjectOf: (socket) => principalId(socket.data.principal as PatientPrincipal),
    budgets: options.budgets,
    ...(options.onFairUse ? { onFairUse: options.onFairUse } : {}),
    logger: options.logger,
    namespace: namespace.name,
    ...(options.onFrameError ? { onError: options.onFrameError } : {}),
  });
  namespace.on('connection', serve);
}

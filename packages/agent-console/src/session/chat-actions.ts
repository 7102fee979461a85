import {
  type AppointmentOffer,
  agentMessage,
  type CallOffer,
  createId,
  type EndReason,
  type Survey,
  type TransferTarget,
  type WrapUp,
} from '@baton/handoff-protocol';
import type { SessionPort } from './session-port';

// What an agent does with a conversation: hand it on, end it, offer things, wrap it up.

export function transfer(
  port: SessionPort,
  conversationId: string,
  target: TransferTarget,
  note?: string,
): void {
  port.send(
    agentMessage('conversation.transfer', { conversationId, target, ...(note ? { note } : {}) }),
  );
}

export function end(port: SessionPort, conversationId: string, reason: EndReason): void {
  port.send(agentMessage('conversation.end', { conversationId, reason }));
}

export function returnToBot(port: SessionPort, conversationId: string): void {
  port.send(agentMessage('conversation.return_to_bot', { conversationId }));
}

export function offerSurvey(port: SessionPort, conversationId: string, survey: Survey): void {
  port.sendPending(
    agentMessage('survey.offer', { conversationId, clientMessageId: createId(), survey }),
  );
}

export function offerAppointment(
  port: SessionPort,
  conversationId: string,
  offer: AppointmentOffer,
): void {
  port.sendPending(
    agentMessage('appointment.offer', { conversationId, clientMessageId: createId(), offer }),
  );
}

export function offerCall(port: SessionPort, conversationId: string, call: CallOffer): void {
  port.sendPending(
    agentMessage('call.offer', { conversationId, clientMessageId: createId(), call }),
  );
}

/** Asks what may be done in a conversation (answered with `actions.available`). */
export function listActions(port: SessionPort, conversationId: string): void {
  port.send(agentMessage('actions.list', { conversationId }));
}

/** Records the disposition and summary of a conversation (before or after it ends). */
export function wrapUp(port: SessionPort, conversationId: string, wrapUp: WrapUp): void {
  port.send(agentMessage('conversation.wrap_up', { conversationId, wrapUp }));
}

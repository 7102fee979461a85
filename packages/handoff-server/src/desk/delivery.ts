import type { ServerToAgent, ServerToPatient } from '@baton/handoff-protocol';

/** Where the desk sends its frames (the gateway's socket.io rooms). */
export interface DeskDelivery {
  toPatient(conversationId: string, frame: ServerToPatient): void;
  /** The agents watching a conversation (its assignee, supervisors who opened it). */
  toAgents(conversationId: string, frame: ServerToAgent): void;
  toQueue(queue: string, frame: ServerToAgent): void;
  toSupervisors(frame: ServerToAgent): void;
}

import type { PastConversation, ServerToAgent } from '@baton/handoff-protocol';

type HistoryFrame = Extract<
  ServerToAgent,
  { type: 'patient.history' | 'patient.history.transcript' }
>;

/** The patient history of the conversation on screen: the list, and the one opened. */
export interface PatientHistoryState {
  conversationId: string;
  conversations: readonly PastConversation[];
  opened?: Extract<HistoryFrame, { type: 'patient.history.transcript' }>;
}

export function applyHistoryFrame(
  history: PatientHistoryState | undefined,
  frame: HistoryFrame,
): PatientHistoryState {
  if (frame.type === 'patient.history') {
    return { conversationId: frame.conversationId, conversations: frame.conversations };
  }
  const conversations =
    history?.conversationId === frame.conversationId ? history.conversations : [];
  return { conversationId: frame.conversationId, conversations, opened: frame };
}

/** Closes the opened conversation, keeps the list. */
export function closeHistoryTranscript(history: PatientHistoryState): PatientHistoryState {
  return { conversationId: history.conversationId, conversations: history.conversations };
}

import type { ReadMarkOps } from '../read-marks';
import type { MemoryState } from './state';

export function memoryReadMarks(state: MemoryState): ReadMarkOps {
  const marks = state.readMarks;
  return {
    async markRead(conversationId, by, upToSeq) {
      if (!Number.isSafeInteger(upToSeq) || upToSeq <= 0) return;
      if (!state.conversations.has(conversationId)) return;
      const last = state.messages.get(conversationId)?.at(-1)?.seq ?? 0;
      const current = marks.get(conversationId) ?? { patient: 0, agent: 0 };
      const next = Math.min(upToSeq, last);
      if (next > current[by]) marks.set(conversationId, { ...current, [by]: next });
    },
    async readMarks(conversationId) {
      if (!state.conversations.has(conversationId)) return null;
      return marks.get(conversationId) ?? { patient: 0, agent: 0 };
    },
  };
}

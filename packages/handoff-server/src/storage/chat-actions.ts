/**
 * What agents record during and after a chat (migration 12): the wrap-up (a disposition code
 * and a summary, one per conversation, feeding analytics) and consultation grants (another
 * agent asked to look at a conversation: read-only access for her, staff-only thread).
 */
export interface WrapUpRecord {
  conversationId: string;
  agentId: string;
  /** The conversation's queue when it was wrapped up. */
  queue: string | null;
  /** A code from the configured disposition list (e.g. `resolved`, `booked`). */
  disposition: string;
  /** The agent's summary (sealed at rest like messages). */
  summary: string;
  wrappedAt: string;
}

export type NewWrapUp = Omit<WrapUpRecord, 'wrappedAt'>;

/** Wrap-ups counted per disposition, queue and agent over a period. */
export interface DispositionCount {
  disposition: string;
  queue: string | null;
  agentId: string;
  count: number;
}

export interface DispositionFilter {
  /** Inclusive ISO bounds on `wrappedAt`. */
  from: string;
  to: string;
  queue?: string;
  agentId?: string;
}

/** Another agent invited by the holder to look at a conversation and talk about it. */
export interface ConsultationRecord {
  conversationId: string;
  consultantId: string;
  requestedBy: string;
  createdAt: string;
}

export interface ChatActionOps {
  /**
   * Saves the wrap-up of a conversation; a second save replaces the first (the agent
   * corrects it). Unknown conversation: `not_found` error.
   */
  saveWrapUp(wrapUp: NewWrapUp): Promise<WrapUpRecord>;
  getWrapUp(conversationId: string): Promise<WrapUpRecord | null>;
  /** Counts in the period, grouped by disposition, queue and agent (most frequent first). */
  dispositionCounts(filter: DispositionFilter): Promise<DispositionCount[]>;
  /** Grants a consultation; granting twice keeps the first. Unknown conversation: `not_found`. */
  grantConsultation(grant: Omit<ConsultationRecord, 'createdAt'>): Promise<ConsultationRecord>;
  getConsultation(conversationId: string, consultantId: string): Promise<ConsultationRecord | null>;
}

/** AAD of a sealed wrap-up summary (see `FieldCipher`). */
export const wrapUpAad = (conversationId: string) => `baton:v1:wrap_ups:${conversationId}`;

/** Sorting shared by every backend: most frequent first, then by code, queue, agent. */
export function sortCounts(counts: DispositionCount[]): DispositionCount[] {
  return counts.sort(
    (a, b) =>
      b.count - a.count ||
      a.disposition.localeCompare(b.disposition) ||
      (a.queue ?? '').localeCompare(b.queue ?? '') ||
      a.agentId.localeCompare(b.agentId),
  );
}

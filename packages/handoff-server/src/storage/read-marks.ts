/** Who read: the patient (in the widget) or the agent side (the console). */
export type ReadBy = 'patient' | 'agent';

/** How far each side has read a conversation's log (seq; 0: nothing yet). */
export interface ReadMarks {
  patient: number;
  agent: number;
}

/**
 * Read marks kept with the conversation (migration 20), so a reloaded widget or console shows
 * what the other side has read instead of losing it with the tab.
 */
export interface ReadMarkOps {
  /**
   * `by` has read up to `upToSeq`: never moves a mark back, nor past the conversation's last
   * seq (a claim beyond the log marks what exists). No-op for an unknown conversation.
   */
  markRead(conversationId: string, by: ReadBy, upToSeq: number): Promise<void>;
  /** Both marks; `null` for an unknown conversation. */
  readMarks(conversationId: string): Promise<ReadMarks | null>;
}

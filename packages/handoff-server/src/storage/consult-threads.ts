import type { AgentInfo } from '@baton/handoff-protocol';

/**
 * The staff-only consultation threads (migration 14): what the holder of a conversation and
 * a consulted colleague wrote to each other, kept so a reload or another device shows the
 * thread again. The text and the author are sealed at rest like messages. Rows go with their
 * conversation (retention purge, patient deletion).
 */
export interface ConsultMessageRecord {
  /** The envelope id every delivery of this message carries (consoles de-duplicate by it). */
  id: string;
  conversationId: string;
  consultantId: string;
  /** The sender's id for this message: a repeat returns the stored one. */
  clientMessageId: string;
  author: AgentInfo;
  text: string;
  createdAt: string;
}

export type NewConsultMessage = Omit<ConsultMessageRecord, 'createdAt'>;

/** Bound on one thread read back. */
export const CONSULT_THREAD_LIMIT = 500;

export interface ConsultThreadOps {
  /**
   * Appends one message; a repeated (conversation, consultant, clientMessageId) returns the
   * stored message with `created: false`. Unknown conversation: `not_found`.
   */
  appendConsultMessage(
    message: NewConsultMessage,
  ): Promise<{ message: ConsultMessageRecord; created: boolean }>;
  /** Oldest first (at most `CONSULT_THREAD_LIMIT`); every thread of the conversation without `consultantId`. */
  listConsultMessages(
    conversationId: string,
    consultantId?: string,
  ): Promise<ConsultMessageRecord[]>;
}

/** AAD of a sealed consultation message (see `FieldCipher`). */
export const consultAad = (conversationId: string, consultantId: string, clientMessageId: string) =>
  `baton:v1:consult_messages:${conversationId}:${consultantId}:${clientMessageId}`;

/** The sealed part of a row. */
export interface SealedConsultBody {
  id: string;
  author: AgentInfo;
  text: string;
}

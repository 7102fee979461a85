import { SeqInbox, type ServerToAgent } from '@baton/handoff-protocol';

/** A hole in a conversation's seqs held this long means a lost frame: open it again. */
const GAP_MS = 1500;

/**
 * Which log records of each conversation this console holds (the protocol's `SeqInbox`):
 * the resume point of `conversation.open` is the highest contiguous seq, never the highest
 * seen; `conversation.transcript.lastSeq` and `log.hidden` close holes; a hole left open
 * longer than a short bound asks for a gap-fill.
 */
export class ConversationInboxes {
  readonly #inboxes = new Map<string, SeqInbox>();

  /** `conversation.open` from here: the highest contiguous seq held (0: the whole log). */
  resumePoint(conversationId: string): number {
    return this.#inboxes.get(conversationId)?.contiguous ?? 0;
  }

  /** Whether this conversation has had a hole open too long (once per bound). */
  overdue(conversationId: string): boolean {
    return this.#inboxes.get(conversationId)?.overdue(GAP_MS) ?? false;
  }

  /** Records which log seqs a frame accounts for (it may hold them already: merged by seq). */
  track(frame: ServerToAgent): void {
    if (!('conversationId' in frame) || !frame.conversationId) return;
    let inbox = this.#inboxes.get(frame.conversationId);
    if (!inbox) {
      inbox = new SeqInbox();
      this.#inboxes.set(frame.conversationId, inbox);
    }
    if (frame.type === 'conversation.transcript') {
      for (const entry of frame.log) inbox.accept(entry.seq);
      inbox.close(frame.lastSeq);
    } else if ('seq' in frame && typeof frame.seq === 'number') inbox.accept(frame.seq);
  }
}

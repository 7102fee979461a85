/**
 * Which log records of one conversation a client holds. `contiguous` is the resume point:
 * every seq at or below it was received or is known not to be for this client. Seqs received
 * beyond a hole are held apart until the hole is filled or closed by the server (`log.hidden`,
 * or the `lastSeq` of a `resumed` / `conversation.transcript` reply).
 */
export class SeqInbox {
  /** The highest contiguous seq: resume from here, never from the highest seen. */
  contiguous = 0;
  /** Seqs above `contiguous + 1` received already. */
  readonly held = new Set<number>();
  /** When the oldest open hole was noticed (0: no hole; `Date.now()` is never 0). */
  #holeSince = 0;

  /** Records `seq`; false when it was held already (a duplicate to drop). */
  accept(seq: number): boolean {
    if (seq <= this.contiguous || this.held.has(seq)) return false;
    this.held.add(seq);
    this.#advance();
    return true;
  }

  /** The server sent everything up to `lastSeq` this client may see: holes below it close. */
  close(lastSeq: number): void {
    if (lastSeq <= this.contiguous) return;
    for (const seq of this.held) if (seq <= lastSeq) this.held.delete(seq);
    this.contiguous = lastSeq;
    this.#advance();
  }

  /** A hole has stayed open `boundMs`: true once per bound, to ask for a gap-fill resume. */
  overdue(boundMs: number): boolean {
    const now = Date.now();
    if (this.#holeSince === 0 || now - this.#holeSince < boundMs) return false;
    this.#holeSince = now;
    return true;
  }

  #advance(): void {
    while (this.held.delete(this.contiguous + 1)) this.contiguous += 1;
    if (this.held.size === 0) this.#holeSince = 0;
    else this.#holeSince ||= Date.now();
  }
}

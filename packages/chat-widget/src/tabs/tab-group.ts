import {
  type ResumeHandle,
  readResumeHandle,
  writeResumeHandle,
} from '../directline/resume-handle';

/**
 * One conversation across the tabs of a portal (same origin, same browser profile). Each tab
 * keeps its own connections; what tabs share is only the opaque resume handle (conversation
 * id, watermark, expiry, the server's binding: no transcript, no token), handed over a
 * `BroadcastChannel` when a new tab asks, and the id of a handoff once the server has it.
 *
 * - A tab with a conversation holds a place in the Web Lock `LEADER` queue; a new tab asks
 *   its peers only when that lock is held (no wait when it is the only tab).
 * - One handoff for all tabs: a tab starts one under the `HANDOFF` lock and tells the others
 *   its id once queued; a tab whose own detector fired meanwhile joins it instead.
 * - Every tab with the conversation answers a new tab; closing the tab that holds the lock
 *   hands it to the next in its queue.
 */
const CHANNEL = 'baton.tabs.v1';
/** Also named in the script-tag loader (`loader/loader.ts`), which skips its early request while it is held. */
const LEADER = 'baton.tabs.leader';
const HANDOFF = 'baton.tabs.handoff';
/** How long a new tab waits for a peer's handle (a peer holds the lock, so one answers). */
const ASK_MS = 1500;

type TabMessage = { t: 'ask' } | { t: 'handle'; h: ResumeHandle } | { t: 'handoff'; id: string };

interface Locks {
  request(name: string, callback: () => Promise<unknown>): Promise<unknown>;
  query(): Promise<{ held?: { name?: string }[] }>;
}

export interface TabGroupHooks {
  storage: Storage | null;
  /** Another tab started a handoff (the server has it): show it here too. */
  handoff(conversationId: string): Promise<void> | void;
  now?: () => number;
}

export class TabGroup {
  readonly #channel: BroadcastChannel | null;
  readonly #locks: Locks | null;
  #joined = false;
  /** This tab took a peer's conversation (that tab already reports the bot session). */
  adopted = false;
  #answer: ((handle: ResumeHandle) => void) | null = null;
  /** Joining a handoff another tab announced: awaited before starting one of our own. */
  #following: Promise<void> = Promise.resolve();
  #release = () => {};

  constructor(private readonly hooks: TabGroupHooks) {
    const locks = (globalThis.navigator as { locks?: Locks } | undefined)?.locks;
    this.#locks = hooks.storage && locks ? locks : null;
    this.#channel =
      this.#locks && typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL) : null;
    if (this.#channel) this.#channel.onmessage = (event) => this.#receive(event.data);
  }

  /**
   * Before the session request: a tab without its own handle takes the one of a peer that has
   * a conversation, so that the normal resume path joins it.
   */
  async adopt(): Promise<void> {
    const { storage } = this.hooks;
    const now = (this.hooks.now ?? Date.now)();
    if (!this.#channel || !this.#locks || readResumeHandle(storage, now)) return;
    const { held = [] } = await this.#locks.query().catch(() => ({ held: [] }));
    if (!held.some((lock) => lock.name === LEADER)) return;
    const handle = await new Promise<ResumeHandle | null>((resolve) => {
      const timer = setTimeout(() => resolve(null), ASK_MS);
      this.#answer = (h) => {
        clearTimeout(timer);
        resolve(h);
      };
      this.#post({ t: 'ask' });
    });
    this.#answer = null;
    // Written, then read back through the handle's own validation by the session start.
    if (handle) writeResumeHandle(storage, handle);
    this.adopted = Boolean(handle);
  }

  /**
   * This tab has a conversation: it answers new tabs, and queues for the `LEADER` lock, so that
   * the lock stays held (new tabs keep finding the conversation) when the tab holding it closes.
   */
  join(): void {
    if (this.#joined || !this.#locks) return;
    this.#joined = true;
    const held = new Promise<void>((resolve) => {
      this.#release = resolve;
    });
    void this.#locks.request(LEADER, () => held).catch(() => {});
  }

  /**
   * Start a handoff once for all tabs: `start` runs under the tabs' handoff lock, after any
   * handoff another tab announced has been joined, and resolves once the server has it.
   */
  async startOnce(start: () => Promise<void>): Promise<void> {
    if (!this.#locks) return start();
    await this.#locks.request(HANDOFF, async () => {
      await this.#following;
      await start();
    });
  }

  /** The server has this tab's handoff: the other tabs join it. */
  announce(conversationId: string): void {
    this.#post({ t: 'handoff', id: conversationId });
  }

  #receive(data: unknown): void {
    const message = data as Partial<TabMessage> | null;
    if (!message || typeof message !== 'object') return;
    if (message.t === 'ask' && this.#joined) {
      const handle = readResumeHandle(this.hooks.storage, (this.hooks.now ?? Date.now)());
      if (handle) this.#post({ t: 'handle', h: handle });
    } else if (message.t === 'handle' && message.h && typeof message.h === 'object') {
      this.#answer?.(message.h);
    } else if (message.t === 'handoff' && typeof message.id === 'string' && this.#joined) {
      const id = message.id;
      this.#following = this.#following.then(() => this.hooks.handoff(id)).catch(() => {});
    }
  }

  #post(message: TabMessage): void {
    try {
      this.#channel?.postMessage(message);
    } catch {
      // a closed channel (the widget was destroyed): nothing to coordinate
    }
  }

  close(): void {
    this.#release();
    this.#channel?.close();
  }
}

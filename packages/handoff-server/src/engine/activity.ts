import type { ConversationStore } from '../storage/contract';
import { errorCode } from './errors';
import type { EngineLogger } from './types';

const MAX_TRACKED = 50_000;

/**
 * Patient activity (messages, typing, reads, resumes), stored as the conversation's last
 * activity so any node's idle deadline judges the same thing. Writes are thinned per node:
 * at most one per conversation per `everyMs`, which only ever makes a patient look idle
 * for up to `everyMs` less than they are.
 */
export class PatientActivity {
  readonly #store: Pick<ConversationStore, 'touchActivity'>;
  readonly #logger: EngineLogger;
  readonly #everyMs: number;
  readonly #written = new Map<string, number>();

  constructor(
    store: Pick<ConversationStore, 'touchActivity'>,
    logger: EngineLogger,
    everyMs: number,
  ) {
    this.#store = store;
    this.#logger = logger;
    this.#everyMs = everyMs;
  }

  touch(conversationId: string): Promise<void> {
    const now = Date.now();
    const last = this.#written.get(conversationId);
    if (last !== undefined && now - last < this.#everyMs) return Promise.resolve();
    if (this.#written.size >= MAX_TRACKED) this.#written.clear();
    this.#written.set(conversationId, now);
    return this.#store.touchActivity(conversationId, new Date(now).toISOString()).catch((error) => {
      this.#written.delete(conversationId);
      this.#logger.warn({ conversationId, err: errorCode(error) }, 'activity not recorded');
    });
  }

  forget(conversationId: string): void {
    this.#written.delete(conversationId);
  }
}

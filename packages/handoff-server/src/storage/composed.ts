import type { ConversationStore } from './contract';
import type { StoreParts, UncoveredMethods } from './store-parts';

export type {
  AgentOps,
  AppointmentChangeOps,
  AuditRetentionOps,
  ConversationOps,
  DurabilityOps,
  FollowUpOps,
  QueueOps,
  StoreParts,
  SurveyAppointmentOps,
} from './store-parts';

/** The parts, or a type error naming the store methods none of them provides. */
type CompleteParts = StoreParts &
  ([UncoveredMethods] extends [never] ? unknown : { missingMethods: UncoveredMethods });

/**
 * A `ConversationStore` assembled from per-concern parts: each backend writes its parts as
 * small modules over its own handle (see `store-parts.ts`), and the store only routes each
 * method to its part. The routes live on the shared prototype (one per method name, each
 * calling the instance's own part), so a subclass may override a method and call `super`.
 */
abstract class PartsStore {
  readonly #methods = new Map<string, (...args: unknown[]) => unknown>();

  protected constructor(parts: CompleteParts) {
    for (const part of Object.values(parts) as object[]) {
      for (const [name, method] of Object.entries(part)) {
        if (typeof method !== 'function') continue;
        this.#methods.set(name, method.bind(part));
        if (!Object.hasOwn(PartsStore.prototype, name)) PartsStore.#route(name);
      }
    }
  }

  abstract close(): Promise<void>;

  static #route(name: string): void {
    Object.defineProperty(PartsStore.prototype, name, {
      value(this: PartsStore, ...args: unknown[]) {
        const method = this.#methods.get(name);
        if (!method) throw new TypeError(`no part of this store provides ${name}`);
        return method(...args);
      },
      writable: true,
      configurable: true,
    });
  }
}

/** The base class of the memory, SQLite and PostgreSQL stores; each adds `close`. */
export const ComposedConversationStore = PartsStore as unknown as abstract new (
  parts: CompleteParts,
) => ConversationStore;

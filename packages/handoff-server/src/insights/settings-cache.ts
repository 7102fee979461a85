import type { ConversationStore } from '../storage/contract';

/** The socket.io server-side event that tells the other nodes an administrator saved a setting. */
export const SETTINGS_CHANGED_EVENT = 'baton:settings-changed';
/**
 * Longest a cached setting is trusted without a broadcast: a change whose broadcast was lost
 * (Redis down at that moment) still reaches every node within this time.
 */
export const DEFAULT_SETTINGS_CACHE_MS = 60_000;

type StoredSetting = Awaited<ReturnType<ConversationStore['getSetting']>>;

interface Entry {
  read: Promise<StoredSetting>;
  at: number;
}

export interface SettingsCacheOptions {
  /** Told after this node stored a setting (the server broadcasts it to the other nodes). */
  onChanged?: (name: string) => void;
  /** See {@link DEFAULT_SETTINGS_CACHE_MS}; 0 turns the cache off. */
  maxAgeMs?: number;
  now?: () => number;
}

/**
 * A per-node cache of the administrator's settings (business hours, routing, end survey…),
 * which the hot paths read on every handoff request and every ended conversation. `store`
 * is the same store with `getSetting` answered from the cache and `putSetting` dropping the
 * cached value at once on this node and telling the others (`onChanged`), which call
 * {@link SettingsCache.invalidate} when the broadcast arrives.
 */
export class SettingsCache {
  readonly store: ConversationStore;
  readonly #inner: ConversationStore;
  readonly #entries = new Map<string, Entry>();
  readonly #maxAgeMs: number;
  readonly #now: () => number;
  /** Changes announced by the caller of `putSetting`; set by the server once it has a link. */
  onChanged: (name: string) => void;

  constructor(inner: ConversationStore, options: SettingsCacheOptions = {}) {
    this.#inner = inner;
    this.#maxAgeMs = options.maxAgeMs ?? DEFAULT_SETTINGS_CACHE_MS;
    this.#now = options.now ?? Date.now;
    this.onChanged = options.onChanged ?? (() => undefined);
    this.store = withCachedSettings(inner, {
      getSetting: (name) => this.#get(name),
      putSetting: async (name, value, staffId) => {
        this.invalidate(name);
        try {
          return await inner.putSetting(name, value, staffId);
        } finally {
          // Also after a failure: the write may have committed before the error came back.
          this.invalidate(name);
          this.onChanged(name);
        }
      },
    });
  }

  /** Drops one cached setting (or all): the next read goes to the store. */
  invalidate(name?: string): void {
    if (name === undefined) this.#entries.clear();
    else this.#entries.delete(name);
  }

  #get(name: string): Promise<StoredSetting> {
    const now = this.#now();
    const cached = this.#entries.get(name);
    if (cached && now - cached.at < this.#maxAgeMs) return cached.read;
    const read = this.#inner.getSetting(name);
    if (this.#maxAgeMs <= 0) return read;
    const entry: Entry = { read, at: now };
    this.#entries.set(name, entry);
    // A failed read is not kept: the next one asks the store again.
    read.catch(() => {
      if (this.#entries.get(name) === entry) this.#entries.delete(name);
    });
    return read;
  }
}

/**
 * The store with two methods replaced. Every other property is the store's own, bound to it
 * once (its private fields stay reachable; `instanceof` still holds).
 */
function withCachedSettings(
  inner: ConversationStore,
  replaced: Pick<ConversationStore, 'getSetting' | 'putSetting'>,
): ConversationStore {
  const bound = new Map<PropertyKey, unknown>();
  return new Proxy(inner, {
    get(target, key) {
      if (key === 'getSetting') return replaced.getSetting;
      if (key === 'putSetting') return replaced.putSetting;
      const value: unknown = Reflect.get(target, key, target);
      if (typeof value !== 'function' || key === 'constructor') return value;
      let fn = bound.get(key);
      if (fn === undefined || (fn as { original?: unknown }).original !== value) {
        fn = Object.assign(value.bind(target), { original: value });
        bound.set(key, fn);
      }
      return fn;
    },
  });
}

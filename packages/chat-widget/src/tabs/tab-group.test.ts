import { afterEach, describe, expect, it } from 'vitest';
import {
  type ResumeHandle,
  readResumeHandle,
  writeResumeHandle,
} from '../directline/resume-handle';
import { TabGroup } from './tab-group';

// The tabs' coordination with Node's own BroadcastChannel and a Web Locks stand-in (Node 20
// has no navigator.locks): a queue per lock name, granted in order, released when the
// callback's promise settles. The same code runs in Chromium in tests/browser/widget-tabs.

class MemoryStorage implements Storage {
  #items = new Map<string, string>();
  get length() {
    return this.#items.size;
  }
  clear() {
    this.#items.clear();
  }
  getItem(key: string) {
    return this.#items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.#items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.#items.delete(key);
  }
  setItem(key: string, value: string) {
    this.#items.set(key, value);
  }
}

class FakeLocks {
  readonly #queues = new Map<string, (() => void)[]>();
  readonly #held = new Set<string>();
  query() {
    return Promise.resolve({ held: [...this.#held].map((name) => ({ name })) });
  }
  request(name: string, callback: () => Promise<unknown>): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const run = () => {
        this.#held.add(name);
        callback()
          .then(resolve, reject)
          .finally(() => {
            this.#held.delete(name);
            this.#queues.get(name)?.shift()?.();
          });
      };
      if (this.#held.has(name)) {
        const queue = this.#queues.get(name) ?? [];
        queue.push(run);
        this.#queues.set(name, queue);
      } else run();
    });
  }
}

const groups: TabGroup[] = [];
const navigatorBefore = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
afterEach(() => {
  for (const group of groups.splice(0)) group.close();
  if (navigatorBefore) Object.defineProperty(globalThis, 'navigator', navigatorBefore);
});

function browserWith(locks: FakeLocks) {
  Object.defineProperty(globalThis, 'navigator', { value: { locks }, configurable: true });
  return (followed: string[] = [], onFollow = () => {}) => {
    const storage = new MemoryStorage();
    const group = new TabGroup({
      storage,
      handoff: (id) => {
        followed.push(id);
        onFollow();
      },
    });
    groups.push(group);
    return { storage, group, followed };
  };
}

const HANDLE: ResumeHandle = {
  conversationId: 'dl-conv-1',
  expiresAt: Date.now() + 60_000,
  resumeBinding: 'opaque-binding',
};

describe('TabGroup', () => {
  it('a lone tab does not wait and adopts nothing', async () => {
    const tab = browserWith(new FakeLocks())();
    const started = Date.now();
    await tab.group.adopt();
    expect(Date.now() - started).toBeLessThan(500);
    expect(readResumeHandle(tab.storage)).toBeNull();
    expect(tab.group.adopted).toBe(false);
  });

  it('a new tab takes the handle of the tab that has the conversation', async () => {
    const open = browserWith(new FakeLocks());
    const first = open();
    writeResumeHandle(first.storage, HANDLE);
    first.group.join();
    const second = open();
    await second.group.adopt();
    expect(readResumeHandle(second.storage)).toEqual(HANDLE);
    expect(second.group.adopted).toBe(true);
  });

  it('a tab with its own handle (a reload) keeps it and asks nobody', async () => {
    const open = browserWith(new FakeLocks());
    const first = open();
    writeResumeHandle(first.storage, HANDLE);
    first.group.join();
    const second = open();
    const own = { ...HANDLE, conversationId: 'dl-conv-own' };
    writeResumeHandle(second.storage, own);
    await second.group.adopt();
    expect(readResumeHandle(second.storage)?.conversationId).toBe('dl-conv-own');
    expect(second.group.adopted).toBe(false);
  });

  it('starts one handoff for all tabs: the second joins the one announced first', async () => {
    const open = browserWith(new FakeLocks());
    let joined = () => {};
    const secondJoined = new Promise<void>((resolve) => {
      joined = resolve;
    });
    const first = open();
    const second = open([], joined);
    first.group.join();
    second.group.join();
    const started: string[] = [];
    const a = first.group.startOnce(async () => {
      started.push('first');
      first.group.announce('handoff-1');
      await secondJoined; // in the widget: until the server queued it, long after the message
    });
    const b = second.group.startOnce(async () => {
      // The second tab joined the first tab's handoff before its turn: its start returns.
      started.push(second.followed.includes('handoff-1') ? 'second, joined' : 'second');
    });
    await Promise.all([a, b]);
    expect(started).toEqual(['first', 'second, joined']);
    expect(second.followed).toEqual(['handoff-1']);
    expect(first.followed).toEqual([]);
  });
});

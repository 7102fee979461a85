import type { Transcript } from '@baton/handoff-protocol';
import { afterEach, beforeEach, expect } from 'vitest';
import type { ConversationStore } from '../contract';

export interface StoreFixture {
  store: ConversationStore;
  cleanup: () => Promise<void>;
}

/** Options the suite asks the factory for; a store must honour them. */
export interface StoreFixtureOptions {
  /** Open the store with `trustAuditTimestamps` (keep `AuditEvent.at`). */
  trustAuditTimestamps: boolean;
}

export type CreateStore = (options: StoreFixtureOptions) => Promise<StoreFixture>;

/** What each per-concern suite gets: the store of the running test and a few helpers. */
export interface SuiteContext {
  /** The store of the running test (a fresh one per test). */
  store(): ConversationStore;
  /** Opens one more store (cleaned up after the test), for option-specific behaviour. */
  openStore(options: StoreFixtureOptions): Promise<ConversationStore>;
  /** Creates a conversation and puts it on `queue`. */
  queued(id: string, queue?: string, patientId?: string): Promise<void>;
}

/** Registers the per-test store lifecycle in the enclosing `describe`. */
export function useStoreFixture(createStore: CreateStore): SuiteContext {
  let fixtures: StoreFixture[] = [];
  let current: ConversationStore | null = null;

  beforeEach(async () => {
    const fixture = await createStore({ trustAuditTimestamps: false });
    fixtures = [fixture];
    current = fixture.store;
  });
  afterEach(async () => {
    const open = fixtures;
    fixtures = [];
    current = null;
    for (const fixture of open) await fixture.cleanup();
  });

  const store = (): ConversationStore => {
    if (!current) throw new Error('no store: use the suite context inside a test');
    return current;
  };

  return {
    store,
    async openStore(options) {
      const fixture = await createStore(options);
      fixtures.push(fixture);
      return fixture.store;
    },
    async queued(id, queue = 'general', patientId = `p-${id}`) {
      await store().createConversation({ id, patientId, state: 'handoff_requested' });
      const change = await store().enqueue(id, { queue, priority: 'routine' });
      expect(change.ok).toBe(true);
    },
  };
}

export const sampleTranscript: Transcript = {
  entries: [
    { id: 'a1', from: 'patient', at: '2026-01-01T10:00:00.000Z', text: 'I have a question' },
    { id: 'a2', from: 'bot', at: '2026-01-01T10:00:01.000Z', text: 'Let me get a person' },
  ],
  truncated: { omittedEntries: 3, reason: 'entries' },
};

/** Resolves once the wall clock shows a later millisecond (bounded: at most ~100 ms). */
export async function nextMillisecond(): Promise<void> {
  const start = Date.now();
  for (let i = 0; i < 100 && Date.now() === start; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

/** The rejection of `promise` (or `undefined` when it resolves). */
export function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

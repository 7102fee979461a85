import { describe, expect, it } from 'vitest';
import { nextMillisecond, type SuiteContext } from './fixture';

/** The patient history staff see: one patient's conversations, newest first, bounded. */
export function patientHistorySuite(ctx: SuiteContext): void {
  describe('patient history', () => {
    it('lists one patient’s conversations newest first, without the current one, bounded', async () => {
      const store = ctx.store();
      for (const id of ['h1', 'h2', 'h3', 'h4']) {
        await store.createConversation({ id, patientId: 'p-hist' });
        await nextMillisecond();
      }
      await store.createConversation({ id: 'other', patientId: 'p-other' });
      const all = await store.listPatientConversations('p-hist', { limit: 10, excludeId: 'h4' });
      expect(all.map((c) => c.id)).toEqual(['h3', 'h2', 'h1']);
      expect(all.every((c) => c.patientId === 'p-hist')).toBe(true);
      const two = await store.listPatientConversations('p-hist', { limit: 2 });
      expect(two.map((c) => c.id)).toEqual(['h4', 'h3']);
      // Out-of-range limits are clamped to 1–100, never unbounded.
      expect(await store.listPatientConversations('p-hist', { limit: 0 })).toHaveLength(1);
      expect(await store.listPatientConversations('nobody', { limit: 5 })).toEqual([]);
    });
  });
}
